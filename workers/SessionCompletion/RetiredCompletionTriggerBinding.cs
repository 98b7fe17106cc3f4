using Bos.Contracts.Events;
using Bos.Core.Messaging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Bos.Workers.SessionCompletion;

/// <summary>
/// Removes, once at start-up, the binding through which earlier builds had every <see cref="ComponentsChanged"/> copied to
/// the completion trigger's queue. RabbitMQ keeps a binding MassTransit no longer declares, and this one would still
/// carry every change to a queue whose consumer no longer takes them (each read, then moved to its `_skipped` queue).
/// A broker that never had it (nothing to remove) or that cannot be reached (logged; the next start tries again) is fine.
/// </summary>
public sealed class RetiredCompletionTriggerBinding(IOptions<RabbitMqOptions> options, ILogger<RetiredCompletionTriggerBinding> logger)
    : BackgroundService
{
    /// <summary>MassTransit's exchange for a message type ("Namespace:Type") and the one of a receive endpoint (its queue's name).</summary>
    public static readonly string Source = $"{typeof(ComponentsChanged).Namespace}:{nameof(ComponentsChanged)}";

    public static readonly string Destination = SessionCompletionConsumerDefinition.QueueName;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await RemoveAsync(options.Value, stoppingToken))
                logger.LogInformation("Removed the binding of {Source} to {Destination} left by an earlier build", Source, Destination);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not remove the binding of {Source} to {Destination} left by an earlier build: {Error}",
                Source, Destination, e.Message);
        }
    }

    /// <summary>Unbinds if both exchanges exist; true when they did (RabbitMQ does not say whether the binding did).</summary>
    public static async Task<bool> RemoveAsync(RabbitMqOptions rabbit, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, VirtualHost = rabbit.VirtualHost, UserName = rabbit.Username, Password = rabbit.Password,
            ClientProvidedName = "bos-worker-topology",
        };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            // Passive declarations: unbinding from an exchange that does not exist closes the channel with 404.
            await channel.ExchangeDeclarePassiveAsync(Source, ct);
            await channel.ExchangeDeclarePassiveAsync(Destination, ct);
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return false;
        }
        await channel.ExchangeUnbindAsync(Destination, Source, routingKey: "", cancellationToken: ct);
        return true;
    }
}
