using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Bos.Core.Options;

namespace Bos.Core.Clients;

/// <summary>CFS v3 component calls BOS makes (EXT-40).</summary>
public interface ICfsClient
{
    /// <summary>
    /// GET /components with the given query, then every further page: the answer's "next" object is sent back
    /// verbatim as the next query until it is null.
    /// </summary>
    Task<IReadOnlyList<CfsComponent>> GetAllComponentsAsync(IReadOnlyDictionary<string, string>? query = null, CancellationToken ct = default);

    /// <summary>GET /components?ids=... in batches of 200 ids (ids CFS does not know are simply absent).</summary>
    Task<IReadOnlyList<CfsComponent>> GetComponentsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default);

    /// <summary>PATCH /components {"patch":..., "filters":{"ids":"a,b"}} in batches of 1000 ids.</summary>
    Task PatchComponentsAsync(IReadOnlyCollection<string> ids, CfsComponentPatch patch, CancellationToken ct = default);
}

/// <summary>
/// What Bos reads of a CFS component: no more. Its state layers, tags and error count are skipped unread (a tag
/// dictionary per component was allocated on every CFS watch round for nothing).
/// </summary>
public sealed record CfsComponent
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    [JsonPropertyName("desired_config")] public string? DesiredConfig { get; init; }

    /// <summary>"unconfigured", "pending", "failed" or "configured".</summary>
    [JsonPropertyName("configuration_status")] public string? ConfigurationStatus { get; init; }

    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
}

/// <summary>A component patch; unset fields are not sent. <see cref="ClearState"/> sends "state": [].</summary>
public sealed record CfsComponentPatch
{
    public bool? Enabled { get; init; }

    public string? DesiredConfig { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public bool ClearState { get; init; }

    internal JsonObject ToJson()
    {
        var patch = new JsonObject();
        if (Enabled is { } enabled) patch["enabled"] = enabled;
        if (DesiredConfig is { } config) patch["desired_config"] = config;
        if (Tags is { } tags) patch["tags"] = new JsonObject(tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
        if (ClearState) patch["state"] = new JsonArray();
        return patch;
    }
}

internal sealed class CfsClient(HttpClient http, IBosOptionsSource options) : ICfsClient
{
    private const string Service = "cfs";
    // SCALE-07: upstream's fixed batch sizes (URL length for GET, request size for PATCH).
    private const int GetBatch = 200;
    private const int PatchBatch = 1000;
    private const int MaxPages = 100_000;

    public async Task<IReadOnlyList<CfsComponent>> GetAllComponentsAsync(IReadOnlyDictionary<string, string>? query = null, CancellationToken ct = default)
    {
        var components = new List<CfsComponent>();
        var next = query ?? new Dictionary<string, string>();
        for (var page = 0; ; page++)
        {
            if (page == MaxPages) throw new ServiceResponseException($"CFS paging did not end after {MaxPages} pages");
            var body = await http.GetAsync<ComponentPage>(Service, "components" + QueryString(next), ct);
            components.AddRange(body.Components ?? []);
            if (body.Next is not { } nextQuery || nextQuery.Count == 0) return components;
            next = nextQuery.Where(p => p.Value is { ValueKind: not JsonValueKind.Null }).ToDictionary(p => p.Key, p => Text(p.Value!.Value));
        }
    }

    public async Task<IReadOnlyList<CfsComponent>> GetComponentsByIdAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        // The 200-id GETs of a large batch are independent: a few at a time, so 2,500 ids are not 13 round trips in a row.
        var batches = Batches.Of(ids.Distinct().ToList(), GetBatch).ToList();
        var results = new IReadOnlyList<CfsComponent>[batches.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count), new ParallelOptions { MaxDegreeOfParallelism = ConcurrentGets, CancellationToken = ct },
            async (i, token) => results[i] = await GetAllComponentsAsync(new Dictionary<string, string> { ["ids"] = string.Join(',', batches[i]) }, token));
        return results.SelectMany(r => r).ToList();
    }

    private const int ConcurrentGets = 4;

    public async Task PatchComponentsAsync(IReadOnlyCollection<string> ids, CfsComponentPatch patch, CancellationToken ct = default)
    {
        var patchJson = patch.ToJson();
        foreach (var batch in Batches.Of(ids.Distinct().ToList(), PatchBatch, options.Current.MaxComponentBatchSize))
        {
            var body = new JsonObject
            {
                ["patch"] = patchJson.DeepClone(),
                ["filters"] = new JsonObject { ["ids"] = string.Join(',', batch) },
            };
            using var response = await http.SendJsonAsync(HttpMethod.Patch, "components", body, ct);
            await response.EnsureSuccessAsync(Service, ct);
        }
    }

    private static string QueryString(IReadOnlyDictionary<string, string> query) =>
        query.Count == 0 ? "" : "?" + string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>A "next" value as a query parameter: strings as they are, numbers and booleans as JSON spells them.</summary>
    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private sealed record ComponentPage(
        [property: JsonPropertyName("components")] List<CfsComponent>? Components,
        [property: JsonPropertyName("next")] Dictionary<string, JsonElement?>? Next);
}
