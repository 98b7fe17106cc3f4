using MassTransit;
using MassTransit.Scheduling;

namespace Bos.Core.Scheduling;

/// <summary>
/// MassTransit's scheduling port over Redis: a scheduled send is stored (not sent) and delivered later by
/// whichever process's <see cref="ScheduledMessageDispatcher"/> claims it. Wrapped in MassTransit's
/// <see cref="MessageScheduler"/>, it backs <see cref="IMessageScheduler"/>, ConsumeContext.ScheduleSend and
/// saga Schedule()/Unschedule().
/// </summary>
public sealed class RedisScheduleMessageProvider : IScheduleMessageProvider
{
    private readonly ScheduledMessageStore _store;
    private readonly SchedulerWakeup _wakeup;
    private readonly IBusTopology _topology;
    private readonly ConsumeContext? _consumeContext;
    private readonly Uri? _sourceAddress;

    /// <param name="store">Where scheduled envelopes are kept.</param>
    /// <param name="wakeup">Tells the dispatchers that an earlier message is due.</param>
    /// <param name="topology">Names the send/publish addresses of message types.</param>
    /// <param name="consumeContext">When scheduling from a consumer: ids and source address come from it.</param>
    /// <param name="sourceAddress">Otherwise the source address recorded (the bus address).</param>
    public RedisScheduleMessageProvider(ScheduledMessageStore store, SchedulerWakeup wakeup, IBusTopology topology,
        ConsumeContext? consumeContext = null, Uri? sourceAddress = null)
    {
        _store = store;
        _wakeup = wakeup;
        _topology = topology;
        _consumeContext = consumeContext;
        _sourceAddress = sourceAddress;
    }

    public async Task<ScheduledMessage<T>> ScheduleSend<T>(Uri destinationAddress, DateTime scheduledTime, T message,
        IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(destinationAddress);
        ArgumentNullException.ThrowIfNull(message);
        // MassTransit's convention: a Local time is local, anything else is taken as UTC.
        var dueUtc = scheduledTime.Kind == DateTimeKind.Local
            ? scheduledTime.ToUniversalTime()
            : DateTime.SpecifyKind(scheduledTime, DateTimeKind.Utc);
        var tokenId = ScheduleTokenIdCache<T>.GetTokenId(message);

        var request = new ScheduleRequest<T>(destinationAddress, dueUtc, tokenId, message, pipe);
        var envelope = await ScheduledEnvelopeBuilder.BuildAsync(request, _topology, _consumeContext, _sourceAddress, cancellationToken);
        await _store.AddAsync(envelope);
        _wakeup.Notify(dueUtc);

        return new ScheduledMessageHandle<T>(tokenId, scheduledTime, destinationAddress, message);
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) => _store.CancelAsync(tokenId);

    /// <summary>Token ids are unique across destinations, so the destination is not needed to find the entry.</summary>
    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        _store.CancelAsync(tokenId);
}
