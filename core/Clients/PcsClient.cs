using System.Text.Json.Serialization;
using Bos.Core.Options;
using Microsoft.Extensions.Options;

namespace Bos.Core.Clients;

/// <summary>PCS operations BOS uses (EXT-20); the wire names are "On", "Soft-Off", "Force-Off".</summary>
public enum PowerOperation
{
    On,
    SoftOff,
    ForceOff,
}

/// <summary>PCS calls BOS makes (EXT-20). Requests are split by max_component_batch_size and PCS's own limit.</summary>
public interface IPcsClient
{
    /// <summary>POST /power-status {"xname":[...]}; entries without an xname are dropped.</summary>
    Task<IReadOnlyList<PowerStatus>> GetPowerStatusAsync(IReadOnlyCollection<string> xnames, CancellationToken ct = default);

    /// <summary>POST /transitions, one per chunk; BOS never polls them (it watches power status).</summary>
    Task<IReadOnlyList<TransitionStarted>> StartTransitionAsync(
        PowerOperation operation, IReadOnlyCollection<string> xnames, int taskDeadlineMinutes = 1, CancellationToken ct = default);

    Task<TransitionStatus> GetTransitionAsync(string transitionId, CancellationToken ct = default);
}

public sealed record PowerStatus
{
    [JsonPropertyName("xname")] public string? Xname { get; init; }

    [JsonPropertyName("powerState")] public string? PowerState { get; init; }

    [JsonPropertyName("managementState")] public string? ManagementState { get; init; }

    [JsonPropertyName("error")] public string? Error { get; init; }

    /// <summary>How the status operator buckets a node (OP-30): the PCS error if any, else the lower-cased state.</summary>
    [JsonIgnore] public string Bucket => Error ?? PowerState?.ToLowerInvariant() ?? "";
}

public sealed record TransitionStarted(
    [property: JsonPropertyName("transitionID")] string TransitionId,
    [property: JsonPropertyName("operation")] string Operation)
{
    /// <summary>The components the transition was started for (from the request; PCS's answer does not list them).</summary>
    [JsonIgnore] public IReadOnlyList<string> Xnames { get; init; } = [];
}

public sealed record TransitionStatus
{
    [JsonPropertyName("transitionID")] public string TransitionId { get; init; } = "";

    [JsonPropertyName("transitionStatus")] public string? Status { get; init; }

    [JsonPropertyName("operation")] public string? Operation { get; init; }

    [JsonPropertyName("taskCounts")] public Dictionary<string, int> TaskCounts { get; init; } = [];

    [JsonPropertyName("tasks")] public List<TransitionTask> Tasks { get; init; } = [];
}

public sealed record TransitionTask(
    [property: JsonPropertyName("xname")] string Xname,
    [property: JsonPropertyName("taskStatus")] string TaskStatus,
    [property: JsonPropertyName("taskStatusDescription")] string? Description,
    [property: JsonPropertyName("error")] string? Error);

internal sealed class PcsClient(HttpClient http, IBosOptionsSource options, IOptions<ServiceEndpoints> endpoints) : IPcsClient
{
    private const string Service = "pcs";

    public async Task<IReadOnlyList<PowerStatus>> GetPowerStatusAsync(IReadOnlyCollection<string> xnames, CancellationToken ct = default)
    {
        var statuses = new List<PowerStatus>();
        foreach (var batch in Chunks(xnames))
        {
            var body = await http.SendAsync<StatusList>(Service, HttpMethod.Post, "power-status", new { xname = batch }, ct);
            statuses.AddRange((body.Status ?? []).Where(s => !string.IsNullOrEmpty(s.Xname)));
        }
        return statuses;
    }

    public async Task<IReadOnlyList<TransitionStarted>> StartTransitionAsync(
        PowerOperation operation, IReadOnlyCollection<string> xnames, int taskDeadlineMinutes = 1, CancellationToken ct = default)
    {
        var started = new List<TransitionStarted>();
        foreach (var batch in Chunks(xnames))
        {
            var request = new
            {
                operation = WireName(operation),
                taskDeadlineMinutes,
                location = batch.Select(x => new { xname = x }),
            };
            started.Add(await http.SendAsync<TransitionStarted>(Service, HttpMethod.Post, "transitions", request, ct) with { Xnames = batch });
        }
        return started;
    }

    public Task<TransitionStatus> GetTransitionAsync(string transitionId, CancellationToken ct = default) =>
        http.GetAsync<TransitionStatus>(Service, $"transitions/{Uri.EscapeDataString(transitionId)}", ct);

    public static string WireName(PowerOperation operation) => operation switch
    {
        PowerOperation.On => "On",
        PowerOperation.SoftOff => "Soft-Off",
        PowerOperation.ForceOff => "Force-Off",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private IEnumerable<IReadOnlyList<string>> Chunks(IReadOnlyCollection<string> xnames) =>
        Batches.Of(xnames.Distinct().ToList(), options.Current.MaxComponentBatchSize, endpoints.Value.PcsMaxXnamesPerRequest);

    private sealed record StatusList([property: JsonPropertyName("status")] List<PowerStatus>? Status);
}
