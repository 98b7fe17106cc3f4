namespace Bos.Testing;

/// <summary>Where the real Redis and RabbitMQ started by scripts/services listen (overridable by environment).</summary>
public static class TestServices
{
    public static string RedisConfiguration =>
        $"127.0.0.1:{Environment.GetEnvironmentVariable("BOS_REDIS_PORT") ?? "6379"}";

    public static ushort RabbitMqPort => ushort.Parse(Environment.GetEnvironmentVariable("BOS_RABBITMQ_PORT") ?? "5672");

    public static Uri RabbitMqManagement =>
        new($"http://127.0.0.1:{Environment.GetEnvironmentVariable("BOS_RABBITMQ_MANAGEMENT_PORT") ?? "15672"}/api/");

    /// <summary>A short unique name for one test class's keys and vhost.</summary>
    public static string UniqueName(string hint) =>
        $"{new string(hint.Where(char.IsLetterOrDigit).Take(24).ToArray()).ToLowerInvariant()}-{Guid.NewGuid():N}"[..Math.Min(48, hint.Length + 33)];
}
