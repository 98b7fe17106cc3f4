using Bos.Core.Tenancy;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Tenancy;

/// <summary>SCALE-10: TAPMS answers are remembered briefly; failures are not.</summary>
public sealed class CachingTenantDirectoryTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private readonly CountingDirectory _inner = new();
    private readonly ManualClock _clock = new();

    private CachingTenantDirectory Cache(TimeSpan? ttl = null) => new(_inner, ttl ?? Ttl, _clock);

    [Fact]
    public async Task Answers_and_unknown_tenants_are_remembered_until_the_ttl_passes()
    {
        var cache = Cache();

        (await cache.GetComponentIdsAsync("a")).Should().BeEquivalentTo(["x1"]);
        (await cache.GetComponentIdsAsync("nobody")).Should().BeNull();
        _clock.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        await cache.GetComponentIdsAsync("a");
        await cache.GetComponentIdsAsync("nobody");
        _inner.Calls.Should().Be(2);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await cache.GetComponentIdsAsync("a");
        _inner.Calls.Should().Be(3);
    }

    [Fact]
    public async Task Failures_are_not_remembered()
    {
        var cache = Cache();
        _inner.Failure = new TenantLookupException("a", new HttpRequestException("down"));

        await cache.Invoking(c => c.GetComponentIdsAsync("a")).Should().ThrowAsync<TenantLookupException>();
        _inner.Failure = null;

        (await cache.GetComponentIdsAsync("a")).Should().BeEquivalentTo(["x1"]);
        _inner.Calls.Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_tenant_share_one_lookup()
    {
        var cache = Cache();
        _inner.Gate = new TaskCompletionSource();

        var first = cache.GetComponentIdsAsync("a");
        var second = cache.GetComponentIdsAsync("a");
        _inner.Gate.SetResult();

        (await first).Should().BeSameAs(await second);
        _inner.Calls.Should().Be(1);
    }

    [Fact]
    public async Task A_zero_ttl_asks_every_time()
    {
        var cache = Cache(TimeSpan.Zero);

        await cache.GetComponentIdsAsync("a");
        await cache.GetComponentIdsAsync("a");

        _inner.Calls.Should().Be(2);
    }

    private sealed class CountingDirectory : ITenantDirectory
    {
        private int _calls;

        public int Calls => _calls;

        public Exception? Failure { get; set; }

        public TaskCompletionSource? Gate { get; set; }

        public async Task<IReadOnlySet<string>?> GetComponentIdsAsync(string tenant, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            if (Gate is { } gate) await gate.Task;
            if (Failure is { } failure) throw failure;
            return tenant == "a" ? new HashSet<string> { "x1" } : null;
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
