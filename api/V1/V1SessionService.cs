using System.Text.Json.Nodes;
using Bos.Api.Http;
using Bos.Api.Sessions;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Sessions;
using Bos.Core.Sessions.V1;
using Bos.Core.Templates;

namespace Bos.Api.V1;

/// <summary>
/// v1 sessions on the v2 engine: a v1 session is an untenanted v2 session named by its id (so its nodes go through
/// the same component machinery), plus a <see cref="V1SessionRecord"/>; its status views are derived from the
/// records of the session's components (<see cref="V1StatusRule"/>).
/// </summary>
public sealed class V1SessionService(V1SessionStore store, SessionService sessions, SessionRepository sessionRecords,
    SessionTemplateRepository templates, ComponentRepository components)
{
    /// <summary>POST /v1/session: creates the v2 session (v1 `configure` runs as a v2 `boot`, docs/compatibility.md).</summary>
    public async Task<(string Id, V1SessionRecord Record)> CreateAsync(JsonObject body, CancellationToken ct)
    {
        var templateName = (string?)body["templateName"] ?? (string?)body["templateUuid"]
                           ?? throw ProblemException.BadRequest("templateName is a required parameter");
        if (await templates.GetAsync(templateName, null) is null)
            throw new ProblemException(404, "The resource was not found", $"Session Template ID invalid: {templateName}");
        var id = Guid.NewGuid().ToString();
        var operation = (string)body["operation"]!;
        var limit = (string?)body["limit"];
        var record = new V1SessionRecord { Operation = operation, TemplateName = templateName, Job = "boa-" + id, Limit = limit };
        await store.SaveAsync(id, record);
        try
        {
            var v2Operation = operation.ToLowerInvariant() is "configure" ? SessionOperations.Boot : operation.ToLowerInvariant();
            await sessions.CreateAsync(null, new JsonObject
            {
                ["name"] = id, ["template_name"] = templateName, ["operation"] = v2Operation, ["limit"] = limit ?? "",
            }, ct);
        }
        catch
        {
            await store.DeleteAsync(id);
            throw;
        }
        return (id, record);
    }

    /// <summary>GET /v1/session: the ids of the v1 sessions that still exist (session cleanup may have removed some).</summary>
    public async Task<IReadOnlyList<string>> ListAsync()
    {
        var ids = new List<string>();
        foreach (var id in await store.IdsAsync())
            if (await sessionRecords.GetAsync(id, null) is not null) ids.Add(id);
        return ids;
    }

    public async Task<(V1SessionRecord Record, Session Session)> GetAsync(string id)
    {
        var record = await store.GetAsync(id);
        var session = record is null ? null : await sessionRecords.GetAsync(id, null);
        return record is null || session is null ? throw ProblemException.NotFound("Session", id, null) : (record, session);
    }

    public async Task DeleteAsync(string id)
    {
        var deleted = await sessionRecords.DeleteAsync(id, null);
        if (!await store.DeleteAsync(id) && !deleted) throw ProblemException.NotFound("Session", id, null);
    }

    public async Task<V1SessionStatus> StatusAsync(string id)
    {
        var (record, session, template, nodes) = await ReadAsync(id);
        return V1StatusRule.Session(record.Operation, session, template, nodes);
    }

    public async Task<V1BootSetStatus> BootSetStatusAsync(string id, string bootSet)
    {
        var (record, session, template, nodes) = await ReadAsync(id);
        if (template.BootSets?.ContainsKey(bootSet) != true) throw ProblemException.NotFound("Boot set", bootSet, null);
        return V1StatusRule.BootSet(bootSet, record.Operation, session, template, nodes);
    }

    private async Task<(V1SessionRecord, Session, SessionTemplate, IReadOnlyList<Component>)> ReadAsync(string id)
    {
        var (record, session) = await GetAsync(id);
        var template = await templates.GetAsync(record.TemplateName, null) ?? new SessionTemplate { BootSets = new Dictionary<string, BootSet>() };
        var ids = (session.Components ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var nodes = (await components.GetManyAsync(ids)).OfType<Component>().ToList();
        return (record, session, template, nodes);
    }
}
