namespace Bos.Core.Integration;

/// <summary>
/// The public RabbitMQ interface for other services (docs/integration.md): the event exchange the outbox relay
/// publishes to and the command queue the API answers. Bound from the "Integration" section.
/// </summary>
public sealed class IntegrationOptions
{
    public const string Section = "Integration";

    /// <summary>Publish the public events (off: only Bos's internal messages leave the outbox).</summary>
    public bool PublishEvents { get; set; } = true;

    /// <summary>The durable topic exchange of the public events.</summary>
    public string EventsExchange { get; set; } = "bos.events";

    /// <summary>The CloudEvents <c>source</c> of every event: name the installation (e.g. its API URL).</summary>
    public string Source { get; set; } = "bos";

    /// <summary>The API consumes commands (off: the API declares nothing for them).</summary>
    public bool AcceptCommands { get; set; } = true;

    /// <summary>The durable topic exchange other services send commands to (routing key = command name).</summary>
    public string CommandsExchange { get; set; } = "bos.commands";

    /// <summary>The durable queue the API replicas share for commands.</summary>
    public string CommandsQueue { get; set; } = "bos.commands";

    /// <summary>
    /// Broker users whose commands are carried out, checked against the AMQP <c>user_id</c> property (which RabbitMQ
    /// verifies equals the sender's login). Empty: any user the broker lets publish to the exchange.
    /// </summary>
    public List<string> CommandUsers { get; set; } = [];

    /// <summary>The broker login of Bos's own integration connections; not set: <c>RabbitMq:Username</c> / <c>Password</c>.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }
}
