using System.Net.Mime;
using Bos.Core.Telemetry;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bos.Core.Scheduling;

/// <summary>
/// Delivers due scheduled messages: claims a batch atomically (a lease, so competing dispatchers in other
/// processes never deliver the same claimed entry), sends each stored envelope unchanged to its destination,
/// then deletes it. A crash between send and delete delivers again after the lease: at-least-once.
/// </summary>
public sealed class ScheduledMessageDispatcher(
    ScheduledMessageStore store,
    IBus bus,
    SchedulerWakeup wakeup,
    IOptions<SchedulerOptions> options,
    ILogger<ScheduledMessageDispatcher> logger,
    Bos.Core.Health.IProcessReadiness? readiness = null)
{
    private readonly SchedulerOptions _options = options.Value;

    /// <summary>Scheduled messages this dispatcher has sent to their destination (for tests and diagnostics).</summary>
    public long Sent => Interlocked.Read(ref _sent);
    private long _sent;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("Scheduled message dispatcher started: poll {PollInterval}, lease {Lease}, batch {BatchSize}",
            _options.PollInterval, _options.Lease, _options.ClaimBatchSize);
        while (!cancellationToken.IsCancellationRequested)
        {
            var claimed = 0;
            var wait = _options.PollInterval;
            try
            {
                // An unready process (broker or Redis down, endpoints not consuming) claims nothing: a claim it
                // cannot deliver would only hide the entry from a healthy dispatcher for the lease.
                if (readiness?.IsReady ?? true) claimed = await DispatchDueAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // Redis unreachable or similar: entries stay stored; back off instead of logging every poll.
                logger.LogWarning(ex, "Claiming scheduled messages failed; retrying in {RetryDelay}", _options.RetryDelay);
                wait = _options.RetryDelay;
            }
            // A full batch means more may be due already: claim again without sleeping.
            if (claimed >= _options.ClaimBatchSize) continue;
            try
            {
                await wakeup.WaitAsync(wait, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        logger.LogInformation("Scheduled message dispatcher stopped after sending {Sent} messages", Sent);
    }

    /// <summary>One round: claim due entries and deliver them. Returns how many were claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimDueAsync(_options.Lease, Math.Max(1, _options.ClaimBatchSize));
        if (claimed.Count == 0) return 0;
        // Sends are awaited together: awaiting each broker confirm in turn is ~10x slower.
        await Task.WhenAll(claimed.Select(c => DeliverAsync(c, cancellationToken)));
        return claimed.Count;
    }

    private async Task DeliverAsync(ClaimedEnvelope claimed, CancellationToken cancellationToken)
    {
        if (claimed.Envelope is not { } envelope)
        {
            // Unreadable entries would come back after every lease; drop them loudly instead.
            logger.LogError("Dropping unreadable scheduled message {TokenId}: {Error}", claimed.Id, claimed.Error);
            await store.CompleteAsync(claimed);
            return;
        }
        try
        {
            var endpoint = await bus.GetSendEndpoint(envelope.Destination);
            await endpoint.Send(new SerializedMessageBody(), Pipe.Execute<SendContext>(context => CopyEnvelope(context, envelope)),
                cancellationToken);
        }
        catch (Exception ex)
        {
            var retryIn = cancellationToken.IsCancellationRequested ? TimeSpan.Zero : _options.RetryDelay;
            logger.LogWarning(ex, "Sending scheduled message {TokenId} ({MessageType}) to {Destination} failed; retrying in {RetryDelay}",
                envelope.TokenId, envelope.MessageTypes.FirstOrDefault(), envelope.Destination, retryIn);
            await store.ReleaseAsync(claimed, retryIn);
            return;
        }

        Interlocked.Increment(ref _sent);
        BosMetrics.SchedulerDelivered.Add(1);
        BosMetrics.SchedulerLateness.Record(Math.Max(0, (DateTime.UtcNow - envelope.DueUtc).TotalSeconds));
        if (!await store.CompleteAsync(claimed))
            logger.LogDebug("Scheduled message {TokenId} was re-claimed or re-scheduled while being sent", envelope.TokenId);
        logger.LogDebug("Delivered scheduled message {TokenId} ({MessageType}) to {Destination}, due {DueUtc:O}",
            envelope.TokenId, envelope.MessageTypes.FirstOrDefault(), envelope.Destination, envelope.DueUtc);
    }

    /// <summary>Sends the stored envelope byte for byte; transport properties repeat its ids.</summary>
    private static void CopyEnvelope(SendContext context, ScheduledEnvelope envelope)
    {
        context.MessageId = envelope.MessageId;
        context.CorrelationId = envelope.CorrelationId;
        context.Headers.Set(MessageHeaders.SchedulingTokenId, envelope.TokenId.ToString("N"));
        context.Serializer = new CopyBodySerializer(new ContentType(envelope.ContentType), new StringMessageBody(envelope.Body));
    }
}
