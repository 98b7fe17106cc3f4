using System.Text.Json.Nodes;

namespace Bos.Api.Audit;

/// <summary>
/// Which requests and commands the audit log records, and the resource each acts on (pure). Recorded: every REST
/// request that is not a read (GET, HEAD, OPTIONS) or a dry run (which writes nothing), v1 included, refused ones
/// included, but for a node's accepted report of its own state; every AMQP command except the reads (session.status).
/// </summary>
public static class AuditedRequest
{
    private static readonly string[] ReportMembers = ["id", "actual_state"];

    public static bool IsAudited(string method, string path) =>
        !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
        && !path.TrimEnd('/').EndsWith("/dryrun", StringComparison.Ordinal);

    /// <summary>
    /// A node's accepted report of what it booted: a 2xx <c>PATCH /v2/components/{id}</c> whose body holds only
    /// <c>actual_state</c> (and the <c>id</c>), what bos-reporter sends every few hours from every node. Not an
    /// administrator's action, and at 100,000 nodes the reports alone would push every other entry out of the log;
    /// the component's history keeps it (kind <c>report</c>). A refused report is still recorded.
    /// </summary>
    public static bool IsNodeReport(string method, string path, JsonNode? body, int status) =>
        HttpMethods.IsPatch(method) && status is >= 200 and < 300
        && path.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["v2", "components", _]
        && body is JsonObject fields && fields.ContainsKey("actual_state")
        && fields.All(f => ReportMembers.Contains(f.Key));

    /// <summary>
    /// The resource of a REST path: the singular of the collection after the version, and the id after it
    /// (/v2/components/x1 → component x1; /v1/session/abc/status → session abc); a create names its resource by
    /// the body's <c>name</c> when it has one.
    /// </summary>
    public static (string? Type, string? Id) Resource(string path, JsonNode? body)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2) return (null, null);
        var type = segments[1] switch
        {
            "components" => "component",
            "sessions" or "session" => "session",
            "sessiontemplates" or "sessiontemplate" => "sessiontemplate",
            var other => other,
        };
        var id = segments.Length > 2 ? Uri.UnescapeDataString(segments[2]) : Name(body);
        return (type, id);
    }

    /// <summary>The resource of an AMQP command: its component ids filter, or the session it creates.</summary>
    public static (string? Type, string? Id) CommandResource(string command, JsonNode? body)
    {
        var fields = body as JsonObject;
        return command switch
        {
            "session.create" => ("session", Name(body)),
            "applystaged" => ("applystaged", null),
            "components.enable" or "components.disable" => ("component", Text(fields?["ids"])),
            "components.update" => ("component", Text((fields?["filters"] as JsonObject)?["ids"])),
            _ => (null, null),
        };
    }

    private static string? Name(JsonNode? body) => body is JsonObject o ? Text(o["name"]) : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
}
