using MassTransit;
using MassTransit.Configuration;
using MassTransit.Context;
using MassTransit.Serialization;

namespace Bos.Core.Scheduling;

/// <summary>
/// Serializes a message to be scheduled into the MassTransit JSON envelope it would have been sent as: the bus's
/// send conventions (CorrelationId) and the caller's pipe (headers, ids) are applied to a send context first,
/// and the scheduling token header is set so a saga can tell a current timeout from a superseded one.
/// </summary>
internal static class ScheduledEnvelopeBuilder
{
    public static async Task<ScheduledEnvelope> BuildAsync<T>(ScheduleRequest<T> request, IBusTopology topology,
        ConsumeContext? consumeContext, Uri? sourceAddress, CancellationToken cancellationToken)
        where T : class
    {
        var context = new MessageSendContext<T>(request.Message, cancellationToken)
        {
            DestinationAddress = request.Destination,
            SourceAddress = consumeContext?.ReceiveContext.InputAddress ?? sourceAddress,
            ScheduledMessageId = request.TokenId,
        };
        context.MessageId ??= NewId.NextGuid();
        context.Headers.Set(MessageHeaders.SchedulingTokenId, request.TokenId.ToString("N"));
        if (consumeContext is not null)
        {
            // As a send from within a consumer would: same conversation, initiated by the consumed message.
            context.ConversationId = consumeContext.ConversationId;
            context.InitiatorId = consumeContext.CorrelationId ?? consumeContext.MessageId;
        }

        await ApplySendConventions(topology, context);
        if (request.Pipe.IsNotEmpty())
            await request.Pipe.Send(context);

        // The bus uses MassTransit's default System.Text.Json envelope; a bus configured with another serializer
        // would need its serializer here. A TimeToLive set by the pipe counts from now, not from the due time.
        var body = SystemTextJsonMessageSerializer.Instance.GetMessageBody(context).GetString();
        return new ScheduledEnvelope(request.TokenId, request.Destination, request.DueUtc,
            SystemTextJsonMessageSerializer.JsonContentType.MediaType, context.SupportedMessageTypes,
            context.MessageId, context.CorrelationId, body);
    }

    /// <summary>Runs the bus's send topology filters for <typeparamref name="T"/> (e.g. CorrelationId from the message).</summary>
    private static async Task ApplySendConventions<T>(IBusTopology topology, SendContext<T> context) where T : class
    {
        var collector = new FilterCollector<SendContext<T>>();
        topology.Send<T>().Apply(collector);
        foreach (var filter in collector.Filters)
            await filter.Send(context, Pipe.Empty<SendContext<T>>());
    }

    /// <summary>Collects the filters a topology adds, to run them in order on one context.</summary>
    private sealed class FilterCollector<TContext>(List<IFilter<TContext>>? filters = null) : ITopologyPipeBuilder<TContext>
        where TContext : class, PipeContext
    {
        public List<IFilter<TContext>> Filters { get; } = filters ?? [];
        public bool IsDelegated => false;
        public bool IsImplemented => false;
        public void AddFilter(IFilter<TContext> filter) => Filters.Add(filter);
        public ITopologyPipeBuilder<TContext> CreateDelegatedBuilder() => new FilterCollector<TContext>(Filters);
    }
}

/// <summary>What a caller asked to schedule, with the due time already in UTC.</summary>
internal sealed record ScheduleRequest<T>(Uri Destination, DateTime DueUtc, Guid TokenId, T Message, IPipe<SendContext<T>> Pipe)
    where T : class;
