using Bos.Core.Redis;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Redis;

/// <summary>Leases kept by renewal (the drainers', the CFS watch's rounds) against the real Redis.</summary>
[NeedsServices]
public sealed class RedisLeaseTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(RedisLeaseTests));
    private IRedisStore Store => _redis.Store;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_renewed_lease_outlasts_its_duration_while_the_work_runs_and_lapses_within_it_afterwards()
    {
        // Wide margins: renewal runs every third of the lease, so a pause of up to two thirds of it (a loaded
        // two-core CI machine) must not let it lapse; this test is about renewal, not about scheduling.
        var duration = TimeSpan.FromSeconds(2);
        (await Store.SetIfNotExistsAsync("lease", "me", duration)).Should().BeTrue();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var work = new CancellationTokenSource();
        var renewing = RedisLease.RenewUntilCancelledAsync(Store, "lease", "me", duration, failures.Enqueue, work.Token);

        await Task.Delay(duration * 2.5);
        failures.Should().BeEmpty();
        (await Store.SetIfNotExistsAsync("lease", "other", duration)).Should().BeFalse("two and a half durations on, the lease is still renewed");

        await work.CancelAsync();
        await renewing;
        await Task.Delay(duration * 1.5);
        (await Store.SetIfNotExistsAsync("lease", "other", duration)).Should().BeTrue("the lease lapsed once its work ended");
    }

    [Fact]
    public async Task Renewal_never_takes_back_a_lease_another_owner_holds_and_reports_it_lost()
    {
        (await Store.SetIfNotExistsAsync("taken", "other", TimeSpan.FromSeconds(5))).Should().BeTrue();
        using var work = new CancellationTokenSource();
        var lost = 0;
        var renewing = RedisLease.RenewUntilCancelledAsync(Store, "taken", "me", TimeSpan.FromMilliseconds(150), e => throw e, work.Token,
            lost: () => Interlocked.Increment(ref lost));

        // Renewal ends by itself at its first try: the lease is not its owner's.
        (await Task.WhenAny(renewing, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(renewing);
        await renewing;

        lost.Should().Be(1);
        (await Store.GetAsync("taken")).Should().Be("other");
    }

    [Fact]
    public async Task A_lease_none_of_whose_renewals_get_through_for_its_duration_is_reported_lost()
    {
        var duration = TimeSpan.FromMilliseconds(600);
        (await Store.SetIfNotExistsAsync("unreachable", "me", duration)).Should().BeTrue();
        var (store, control) = Bos.Core.Tests.Options.FailableRedis.Over(Store);
        control.Failing = true;
        var failures = 0;
        var lost = 0;
        using var work = new CancellationTokenSource();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var lostAfter = TimeSpan.Zero;
        var renewing = RedisLease.RenewUntilCancelledAsync(store, "unreachable", "me", duration, _ => Interlocked.Increment(ref failures), work.Token,
            lost: () =>
            {
                lostAfter = started.Elapsed;
                Interlocked.Increment(ref lost);
            });

        (await Task.WhenAny(renewing, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(renewing, "renewal gives up once the lease may have lapsed");
        await renewing;

        lost.Should().Be(1);
        lostAfter.Should().BeGreaterThanOrEqualTo(duration, "a lease is not lost before it can have lapsed: the next renewal may still get through");
        failures.Should().BeGreaterThanOrEqualTo(1);
    }
}
