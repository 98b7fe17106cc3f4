namespace Bos.Core.Redis;

/// <summary>Recognises "Redis is not reachable" failures without callers knowing the client library.</summary>
public static class RedisErrors
{
    public static bool IsUnavailable(Exception ex) =>
        ex is StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException or TimeoutException
        || ex.InnerException is { } inner && IsUnavailable(inner);
}
