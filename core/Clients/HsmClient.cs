using System.Text.Json.Serialization;
using Bos.Core.Options;

namespace Bos.Core.Clients;

/// <summary>HSM calls BOS makes (EXT-10).</summary>
public interface IHsmClient
{
    /// <summary>GET /State/Components: every component (discovery, role inventory).</summary>
    Task<IReadOnlyList<HsmComponent>> GetComponentsAsync(CancellationToken ct = default);

    /// <summary>
    /// POST /State/Components/Query for the given ids (only ids HSM knows come back), optionally only enabled ones
    /// (<c>"enabled":["True"]</c>). Split by max_component_batch_size; an empty list makes no request.
    /// </summary>
    Task<IReadOnlyList<HsmComponent>> QueryComponentsAsync(IReadOnlyCollection<string> ids, bool enabledOnly = false, CancellationToken ct = default);

    Task<IReadOnlyList<HsmGroup>> GetGroupsAsync(CancellationToken ct = default);

    Task<IReadOnlyList<HsmPartition>> GetPartitionsAsync(CancellationToken ct = default);

    /// <summary>GET /locks/status?type=Node&amp;locked=True: ids of locked nodes (none if HSM sends no list).</summary>
    Task<IReadOnlySet<string>> GetLockedNodesAsync(CancellationToken ct = default);
}

public sealed record HsmComponent
{
    [JsonPropertyName("ID")] public string Id { get; init; } = "";

    public string? Type { get; init; }

    public string? State { get; init; }

    public string? Flag { get; init; }

    public bool? Enabled { get; init; }

    public string? Role { get; init; }

    public string? SubRole { get; init; }

    [JsonPropertyName("NID")] public int? Nid { get; init; }

    /// <summary>HSM Arch; a missing value reads as "Unknown", as upstream defaults it (see §3.6 step 9).</summary>
    public string Arch { get; init; } = "Unknown";

    public string? Class { get; init; }
}

public sealed record HsmMembers([property: JsonPropertyName("ids")] IReadOnlyList<string> Ids);

public sealed record HsmGroup(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("members")] HsmMembers Members);

public sealed record HsmPartition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("members")] HsmMembers Members);

internal sealed class HsmClient(HttpClient http, IBosOptionsSource options) : IHsmClient
{
    private const string Service = "hsm";

    public async Task<IReadOnlyList<HsmComponent>> GetComponentsAsync(CancellationToken ct = default)
    {
        var body = await http.GetAsync<ComponentList>(Service, "State/Components", ct);
        return body.Components ?? throw new ServiceResponseException("HSM answered GET /State/Components without 'Components'");
    }

    public async Task<IReadOnlyList<HsmComponent>> QueryComponentsAsync(IReadOnlyCollection<string> ids, bool enabledOnly = false, CancellationToken ct = default)
    {
        var found = new List<HsmComponent>();
        foreach (var batch in Batches.Of(ids.Distinct().ToList(), options.Current.MaxComponentBatchSize))
        {
            object request = enabledOnly
                ? new { ComponentIDs = batch, enabled = new[] { "True" } }
                : new { ComponentIDs = batch };
            var body = await http.SendAsync<ComponentList>(Service, HttpMethod.Post, "State/Components/Query", request, ct);
            found.AddRange(body.Components ?? []);
        }
        return found;
    }

    public async Task<IReadOnlyList<HsmGroup>> GetGroupsAsync(CancellationToken ct = default) =>
        await http.GetAsync<List<HsmGroup>>(Service, "groups", ct);

    public async Task<IReadOnlyList<HsmPartition>> GetPartitionsAsync(CancellationToken ct = default) =>
        await http.GetAsync<List<HsmPartition>>(Service, "partitions", ct);

    public async Task<IReadOnlySet<string>> GetLockedNodesAsync(CancellationToken ct = default)
    {
        var body = await http.GetAsync<ComponentList>(Service, "locks/status?type=Node&locked=True", ct);
        return (body.Components ?? []).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
    }

    private sealed record ComponentList(List<HsmComponent>? Components);
}
