using Bos.Core.Redis;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Bos.Workers.SessionCompletion;

/// <summary>
/// Coalesces completion checks: a session of 10,000 components produces 10,000 component changes, but checks start at
/// most once per <see cref="OperatorSettings.CompletionDelay"/> (each reads all components). The first change after a
/// quiet spell is checked at once — no fixed window delays the end of a session —; changes that follow within the
/// delay share one check scheduled for its end. Redis key <see cref="Key"/> exists while a check is sent or scheduled;
/// the check deletes it before it reads (and notes when it started in <see cref="LastCheckKey"/>), so a change committed
/// after the read asks for the next check.
/// </summary>
public sealed class CompletionCheckRequests(IRedisStore redis, IOptions<OperatorSettings> settings)
{
    public const string Key = "session-completion:check-scheduled";
    public const string LastCheckKey = "session-completion:last-check";
    public const string QueueName = "bos-session-completion-check";
    public static readonly Uri Address = new("queue:" + QueueName);

    // Returns -1 when a check is already on its way, else how many ms from now the next check may start. Times are
    // Redis's own clock, so replicas with skewed clocks agree.
    private const string RequestScript = """
        if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[2]) then return -1 end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local last = tonumber(redis.call('GET', KEYS[2]) or '0')
        return math.max(0, last + tonumber(ARGV[1]) - now)
        """;

    private const string StartScript = """
        redis.call('DEL', KEYS[1])
        local t = redis.call('TIME')
        redis.call('SET', KEYS[2], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), 'PX', ARGV[1])
        return 1
        """;

    /// <summary>Unless a check is on its way, sends one: at once, or scheduled for the end of the delay since the last one.</summary>
    public async Task RequestAsync(ConsumeContext context)
    {
        if (await NextCheckInAsync() is not { } wait) return;
        try
        {
            var check = new CheckSessionCompletion(DateTimeOffset.UtcNow);
            if (wait == TimeSpan.Zero) await (await context.GetSendEndpoint(Address)).Send(check, context.CancellationToken);
            else await context.ScheduleSend(Address, wait, check);
        }
        catch
        {
            await redis.DeleteAsync(Key);
            throw;
        }
    }

    /// <summary>
    /// Marks a check as on its way unless one is; returns how long it must wait (zero: none), or null when one already is.
    /// </summary>
    public async Task<TimeSpan?> NextCheckInAsync()
    {
        var delay = settings.Value.CompletionDelay;
        // The expiry only matters if the check is lost: the sweep covers until then.
        var ms = (await redis.EvaluateAsync(RequestScript, [Key, LastCheckKey], [Milliseconds(delay), Milliseconds(delay + TimeSpan.FromMinutes(1))])).AsInteger();
        return ms < 0 ? null : TimeSpan.FromMilliseconds(ms);
    }

    /// <summary>Called by the check before it reads anything.</summary>
    public Task ClearAsync() =>
        redis.EvaluateAsync(StartScript, [Key, LastCheckKey], [Milliseconds(settings.Value.CompletionDelay + TimeSpan.FromMinutes(1))]);

    private static string Milliseconds(TimeSpan value) => ((long)value.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
