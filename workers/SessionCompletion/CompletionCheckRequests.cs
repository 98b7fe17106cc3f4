using Bos.Core.Redis;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.SessionCompletion;

/// <summary>
/// Coalesces completion checks: a session of 10,000 components produces 10,000 component changes, but the changes
/// within <see cref="OperatorSettings.CompletionDelay"/> share one check (one read of all components). Redis key
/// <see cref="Key"/> exists while a check is scheduled; the check deletes it before it reads, so a change committed
/// after the read schedules the next check.
/// </summary>
public sealed class CompletionCheckRequests(IRedisStore redis, IOptions<OperatorSettings> settings)
{
    public const string Key = "session-completion:check-scheduled";
    public const string QueueName = "bos-session-completion-check";
    public static readonly Uri Address = new("queue:" + QueueName);

    /// <summary>If no check is scheduled, schedules one after the coalescing delay.</summary>
    public async Task RequestAsync(ConsumeContext context)
    {
        var delay = settings.Value.CompletionDelay;
        // The expiry only matters if the scheduled check is lost: the sweep covers until then.
        if (!await redis.SetIfNotExistsAsync(Key, "1", delay + TimeSpan.FromMinutes(1))) return;
        try
        {
            await context.ScheduleSend(Address, delay, new CheckSessionCompletion(DateTimeOffset.UtcNow));
        }
        catch
        {
            await redis.DeleteAsync(Key);
            throw;
        }
    }

    /// <summary>Called by the check before it reads anything.</summary>
    public Task ClearAsync() => redis.DeleteAsync(Key);
}
