namespace Bos.Core.Messaging;

/// <summary>Bound from the "RabbitMq" configuration section.</summary>
public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";

    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";

    /// <summary>Messages fetched ahead per queue; 500 was the best measured on 2 cores.</summary>
    public ushort PrefetchCount { get; set; } = 500;

    /// <summary>The connection's client-provided name (a worker sets its own, so its consumers can be told apart).</summary>
    public string? ConnectionName { get; set; }

    /// <summary>
    /// The management API (http://Host:ManagementPort), which a worker's readiness asks whether its own consumers are
    /// on its queues; 0 turns that check off (readiness then trusts MassTransit's endpoint health alone).
    /// </summary>
    public ushort ManagementPort { get; set; } = 15672;
}
