using System.Text.Json.Serialization;
using Bos.Core.Json;
using Bos.Core.Redis;

namespace Bos.Core.Sessions.V1;

/// <summary>What a v1 session adds to the untenanted v2 session of the same name (its id) that runs it.</summary>
public sealed record V1SessionRecord
{
    /// <summary>The v1 operation as given (v1 accepts any case, and `configure`, which v2 lacks).</summary>
    public required string Operation { get; init; }

    [JsonPropertyName("templateName")]
    public required string TemplateName { get; init; }

    /// <summary>Upstream's BOA Kubernetes job name, `boa-` and the id; no job exists under Bos.</summary>
    public required string Job { get; init; }

    public string? Limit { get; init; }
}

/// <summary>The v1 sessions: one hash `v1-sessions`, session id → <see cref="V1SessionRecord"/> (docs/storage.md).</summary>
public sealed class V1SessionStore(IRedisStore redis)
{
    public const string Key = "v1-sessions";

    public Task SaveAsync(string id, V1SessionRecord record) => redis.HashSetAsync(Key, id, BosJson.Serialize(record));

    public async Task<V1SessionRecord?> GetAsync(string id) =>
        await redis.HashGetAsync(Key, id) is { } json ? BosJson.Deserialize<V1SessionRecord>(json) : null;

    public async Task<IReadOnlyList<string>> IdsAsync() => (await redis.HashGetAllAsync(Key)).Keys.Order(StringComparer.Ordinal).ToList();

    public Task<bool> DeleteAsync(string id) => redis.HashDeleteAsync(Key, id);
}
