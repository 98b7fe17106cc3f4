using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Api.Audit;
using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Audit;
using Bos.Core.Time;

namespace Bos.Api.Integration;

/// <summary>
/// Records every command that is not a read (<c>session.status</c>) in the audit log, unknown and refused ones
/// included: who is the AMQP <c>user_id</c> the broker vouched for, the tenant its <c>Cray-Tenant-Name</c> header.
/// </summary>
public sealed class CommandAudit(AuditLog audit, TimeProvider clock)
{
    public async Task RecordAsync(string command, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body, string? userId, CommandReply reply)
    {
        if (Commands.All.TryGetValue(command, out var known) && known.Operation.Id.StartsWith("get_", StringComparison.Ordinal)) return;
        var (type, id) = AuditedRequest.CommandResource(command, Parse(body));
        await audit.AppendAsync(new AuditEntry
        {
            Time = Timestamps.FormatPrecise(clock.GetUtcNow()),
            Subject = string.IsNullOrEmpty(userId) ? null : userId,
            Tenant = headers.FirstOrDefault(h => string.Equals(h.Key, Tenant.Header, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } t ? t : null,
            Channel = "amqp",
            Action = "command " + command,
            ResourceType = type,
            ResourceId = id,
            Status = reply.Status,
            Problem = reply.Status >= 400 ? Title(reply) : null,
        });
    }

    private static JsonNode? Parse(ReadOnlyMemory<byte> body)
    {
        try { return body.Length == 0 ? null : JsonNode.Parse(body.Span); }
        catch (JsonException) { return null; }
    }

    private static string Title(CommandReply reply) => (string?)Parse(reply.Body)?["title"] ?? Problems.Title(reply.Status);
}
