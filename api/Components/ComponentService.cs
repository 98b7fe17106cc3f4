using System.Text.Json.Nodes;
using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Json;
using Bos.Core.Tenancy;

namespace Bos.Api.Components;

/// <summary>The component endpoints' logic (API-41..47): tenancy, auto-fields, merge, the 409 rule.</summary>
public sealed class ComponentService(ComponentRepository repository, ComponentWriter writer, ComponentPatchBatcher reports, ITenantDirectory tenants)
{
    private const string ComponentType = "Component";

    /// <summary>
    /// GET /v2/components. Checks the tenant first (a 400 must come before the response starts), then streams the
    /// matching records: the API never holds the whole list (100k components would be ~64 MB of JSON).
    /// </summary>
    public async Task<IAsyncEnumerable<Component>> ListAsync(string? tenant, ComponentQuery query, CancellationToken ct)
    {
        var owned = tenant is null ? null : await Tenant.OwnedComponents(tenants, tenant, ct);
        var after = query.StartAfterId;

        bool Accept(Component c) =>
            (owned is null || owned.Contains(c.Id!)) && (after is null || string.CompareOrdinal(c.Id, after) > 0) && query.Matches(c);
        var records = query.Ids is not null ? Listed(query.Ids)
            : (query.Session ?? query.StagedSession) is { } session ? repository.ReadSessionAsync(session, after)
            : repository.ReadAllAsync(after);
        return Page(records, Accept, query.PageSize);
    }

    private async IAsyncEnumerable<Component> Listed(IReadOnlyList<string> ids)
    {
        foreach (var record in await repository.GetManyAsync(ids))
            if (record is not null) yield return record;
    }

    private static async IAsyncEnumerable<Component> Page(IAsyncEnumerable<Component> records, Func<Component, bool> accept, int pageSize)
    {
        var count = 0;
        await foreach (var c in records)
        {
            if (!accept(c)) continue;
            yield return ComponentStatusRule.ForResponse(c);
            if (++count == pageSize) yield break;
        }
    }

    public async Task<Component> GetAsync(string? tenant, string id, CancellationToken ct)
    {
        await RequireOwned(tenant, id, ct);
        var record = await repository.GetAsync(id) ?? throw NotFound(tenant, id);
        return ComponentStatusRule.ForResponse(record);
    }

    /// <summary>
    /// PUT one or many (API-42, API-45): full replace. Without a tenant (discovery, admins) any id, as upstream;
    /// with a tenant only the tenant's components (Q-23 fixed: upstream ignored the header, so a tenant could
    /// overwrite another tenant's nodes), the first other id being a 404 as for PATCH (MT-06) and nothing written.
    /// An id that could never be addressed by the single-component endpoints ('.', '..', '/', control characters
    /// such as NUL) is a 400.
    /// </summary>
    public async Task<IReadOnlyList<Component>> PutAsync(string? tenant, IReadOnlyList<Component> records, CancellationToken ct)
    {
        foreach (var record in records)
            if (string.IsNullOrEmpty(record.Id) || PathGuard.IsBadId(record.Id))
                throw ProblemException.BadRequest(
                    $"Invalid component id {Spec.SchemaValidator.Repr(System.Text.Json.Nodes.JsonValue.Create(record.Id))}: an id can not be '.' or '..' or contain '/', '\\' or control characters");
        if (tenant is not null)
        {
            var owned = await Tenant.OwnedComponents(tenants, tenant, ct);
            if (records.FirstOrDefault(r => !owned.Contains(r.Id!)) is { } foreign) throw NotFound(tenant, foreign.Id!);
        }
        return await writer.PutAsync(records);
    }

    /// <summary>PATCH one (API-46): 404 when absent or not the tenant's, 409 while BOS is changing the node's state.</summary>
    public async Task<Component> PatchOneAsync(string? tenant, string id, Component patch, CancellationToken ct)
    {
        await RequireOwned(tenant, id, ct);
        // Written together with the other single-component PATCHes that arrive meanwhile (ComponentPatchBatcher).
        var updated = await reports.PatchAsync(patch with { Id = id }, (record, _) =>
        {
            if (patch.ActualState is not null && record.Enabled == true
                && ComponentStatusRule.Compute(record) != Statuses.Stable
                && record.LastAction?.Action != Actions.PoweringOn)
                throw new ProblemException(409, "Actual state can not be updated.",
                    "BOS is currently changing the state of the node, and the actual state can not be accurately recorded");
        });
        return updated ?? throw NotFound(tenant, id);
    }

    /// <summary>PATCH many (API-43): a list of patches by id, or one patch for the ids or session of a filter.</summary>
    public async Task<IReadOnlyList<Component>> PatchManyAsync(string? tenant, JsonNode body, bool skipBadIds, CancellationToken ct)
    {
        var owned = tenant is null ? null : await Tenant.OwnedComponents(tenants, tenant, ct);

        Dictionary<string, Component> patches;
        if (body is JsonArray list)
        {
            patches = new Dictionary<string, Component>();
            foreach (var item in list) { var c = BosJson.Deserialize<Component>(item!); patches[c.Id!] = c; }
        }
        else
        {
            var patch = BosJson.Deserialize<Component>(body["patch"]!) with { Id = null };
            var ids = (string?)body["filters"]!["ids"];
            var session = (string?)body["filters"]!["session"];
            if (!string.IsNullOrEmpty(ids) && !string.IsNullOrEmpty(session)) throw ProblemException.BadRequest("Multiple filters provided");
            IEnumerable<string> targets;
            if (!string.IsNullOrEmpty(ids)) targets = ids.Split(',').Where(i => i.Length > 0);
            else if (!string.IsNullOrEmpty(session))
            {
                var members = new List<string>();
                // MT-06: a session filter selects the session's components that the tenant owns.
                await foreach (var c in repository.ReadSessionAsync(session))
                    if (c.Session == session && owned?.Contains(c.Id!) != false) members.Add(c.Id!);
                targets = members;
            }
            else throw ProblemException.BadRequest("No filter provided.");
            patches = targets.Distinct().ToDictionary(id => id, id => patch with { Id = id });
        }

        var existing = await repository.GetManyAsync(patches.Keys.ToList());
        var missing = patches.Keys.Where((id, i) => existing[i] is null || owned?.Contains(id) == false).ToList();
        if (missing.Count > 0 && !skipBadIds) throw NotFound(tenant, missing[0]);
        foreach (var id in missing) patches.Remove(id);

        return await writer.PatchAsync(patches.Values.ToList());
    }

    public async Task DeleteAsync(string? tenant, string id, CancellationToken ct)
    {
        await RequireOwned(tenant, id, ct);
        if (!await repository.DeleteAsync(id)) throw NotFound(tenant, id);
    }

    private async Task RequireOwned(string? tenant, string id, CancellationToken ct)
    {
        if (tenant is not null && !(await Tenant.OwnedComponents(tenants, tenant, ct)).Contains(id))
            throw NotFound(tenant, id);
    }

    private static ProblemException NotFound(string? tenant, string id) => ProblemException.NotFound(ComponentType, id, tenant);
}
