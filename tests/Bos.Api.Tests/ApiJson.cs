using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace Bos.Api.Tests;

/// <summary>Raw JSON requests (what the cray CLI sends) and their parsed answers.</summary>
public static class ApiJson
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> Send(this HttpClient client, HttpMethod method, string path,
        string? json = null, string? tenant = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        if (tenant is not null) request.Headers.Add("Cray-Tenant-Name", tenant);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Get(this HttpClient client, string path, string? tenant = null) =>
        client.Send(HttpMethod.Get, path, null, tenant);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Put(this HttpClient client, string path, string json, string? tenant = null) =>
        client.Send(HttpMethod.Put, path, json, tenant);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Patch(this HttpClient client, string path, string json, string? tenant = null) =>
        client.Send(HttpMethod.Patch, path, json, tenant);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Post(this HttpClient client, string path, string? json, string? tenant = null) =>
        client.Send(HttpMethod.Post, path, json, tenant);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> Delete(this HttpClient client, string path, string? tenant = null) =>
        client.Send(HttpMethod.Delete, path, null, tenant);

    /// <summary>Asserts an RFC 7807 answer (API-02) and returns its detail.</summary>
    public static string ShouldBeProblem(this (HttpStatusCode Status, JsonNode? Body) response, HttpStatusCode status, string title)
    {
        response.Status.Should().Be(status, response.Body?.ToJsonString());
        response.Body!["type"]!.GetValue<string>().Should().Be("about:blank");
        response.Body["title"]!.GetValue<string>().Should().Be(title);
        response.Body["status"]!.GetValue<int>().Should().Be((int)status);
        return response.Body["detail"]!.GetValue<string>();
    }

    public static string ShouldBeBadRequest(this (HttpStatusCode Status, JsonNode? Body) response) =>
        response.ShouldBeProblem(HttpStatusCode.BadRequest, "Bad Request");

    public static string ShouldBeNotFound(this (HttpStatusCode Status, JsonNode? Body) response) =>
        response.ShouldBeProblem(HttpStatusCode.NotFound, "The resource was not found");

    public static JsonNode ShouldBe(this (HttpStatusCode Status, JsonNode? Body) response, HttpStatusCode status)
    {
        response.Status.Should().Be(status, response.Body?.ToJsonString());
        return response.Body!;
    }

    public static void ShouldBeNoContent(this (HttpStatusCode Status, JsonNode? Body) response)
    {
        response.Status.Should().Be(HttpStatusCode.NoContent, response.Body?.ToJsonString());
        response.Body.Should().BeNull();
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
