using Bos.Core.Messaging;
using RabbitMQ.Client;

namespace Bos.Core.Integration;

/// <summary>The connection factory of Bos's plain-AMQP integration connections (events and commands), outside MassTransit.</summary>
public static class BrokerConnection
{
    public static ConnectionFactory Factory(RabbitMqOptions broker, IntegrationOptions integration, string name) => new()
    {
        HostName = broker.Host,
        Port = broker.Port,
        VirtualHost = broker.VirtualHost,
        UserName = integration.Username ?? broker.Username,
        Password = integration.Password ?? broker.Password,
        ClientProvidedName = $"{name}-{Environment.MachineName}-{Environment.ProcessId}",
        AutomaticRecoveryEnabled = true,
    };
}
