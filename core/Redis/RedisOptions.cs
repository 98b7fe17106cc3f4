namespace Bos.Core.Redis;

/// <summary>Bound from the "Redis" configuration section.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6379".</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key Bos writes.</summary>
    public string KeyPrefix { get; set; } = "bos:";

    /// <summary>Keys per MGET in pipelined bulk reads.</summary>
    public int ReadChunkSize { get; set; } = 1000;
}
