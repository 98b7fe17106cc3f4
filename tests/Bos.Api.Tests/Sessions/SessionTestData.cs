using System.Net;
using System.Text.Json.Nodes;

namespace Bos.Api.Tests.Sessions;

/// <summary>Templates and sessions created over HTTP for the session tests.</summary>
public static class SessionTestData
{
    /// <summary>PUTs a valid template (one boot set over <paramref name="nodes"/>) and returns its name.</summary>
    public static async Task<string> CreateTemplate(this HttpClient client, string? tenant = null, string nodes = "\"x3000c0s1b0n0\"")
    {
        var name = ApiJson.Unique("tpl");
        var body = $$"""{"boot_sets": {"compute": {"path": "s3://boot-images/img-1/manifest.json", "type": "s3", "node_list": [{{nodes}}]} } }""";
        (await client.Put($"/v2/sessiontemplates/{name}", body, tenant)).ShouldBe(HttpStatusCode.OK);
        return name;
    }

    /// <summary>POSTs a session and returns the stored record.</summary>
    public static async Task<JsonNode> CreateSession(this HttpClient client, string template, string? tenant = null, string? name = null,
        string operation = "boot")
    {
        var named = name is null ? "" : $"\"name\": \"{name}\", ";
        return (await client.Post("/v2/sessions", $$"""{{{named}}"template_name": "{{template}}", "operation": "{{operation}}"}""", tenant))
            .ShouldBe(HttpStatusCode.Created);
    }

    public static string Ago(TimeSpan age) => (DateTimeOffset.UtcNow - age).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static IEnumerable<string> Names(this JsonNode list) => list.AsArray().Select(s => s!["name"]!.GetValue<string>());
}
