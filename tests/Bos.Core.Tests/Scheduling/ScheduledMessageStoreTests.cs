using Bos.Core.Scheduling;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Scheduling;

/// <summary>The Redis layout and the claim/complete/release/cancel scripts, against the real Redis (no bus).</summary>
[NeedsServices]
public sealed class ScheduledMessageStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly IsolatedRedis _redis = new(nameof(ScheduledMessageStoreTests));
    private ScheduledMessageStore Store => new(_redis.Store);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Add_writes_the_entry_hash_and_its_due_score_and_cancel_removes_both()
    {
        var envelope = Envelope(DateTime.UtcNow.AddMinutes(5));
        await Store.AddAsync(envelope);

        var id = ScheduledMessageStore.IdOf(envelope.TokenId);
        var fields = await _redis.Store.HashGetAllAsync(ScheduledMessageStore.EntryKey(id));
        ScheduledEnvelope.FromFields(fields).Should().BeEquivalentTo(envelope with { DueUtc = RoundedUp(envelope.DueUtc) });
        (await _redis.Store.SortedSetRangeByScoreAsync(ScheduledMessageStore.DueKey, envelope.DueUnixMs, envelope.DueUnixMs))
            .Should().Equal(id);

        (await Store.CancelAsync(envelope.TokenId)).Should().BeTrue();
        (await _redis.Store.ExistsAsync(ScheduledMessageStore.EntryKey(id))).Should().BeFalse();
        (await Store.CountAsync()).Should().Be(0);
        (await Store.CancelAsync(envelope.TokenId)).Should().BeFalse();
    }

    [Fact]
    public async Task Claim_takes_only_due_entries_and_hides_them_for_the_lease()
    {
        var due = Envelope(DateTime.UtcNow.AddSeconds(-1));
        var later = Envelope(DateTime.UtcNow.AddMinutes(5));
        await Store.AddAsync(due);
        await Store.AddAsync(later);

        var claimed = await Store.ClaimDueAsync(Lease, 10);

        claimed.Should().ContainSingle().Which.Envelope.Should().BeEquivalentTo(due with { DueUtc = RoundedUp(due.DueUtc) });
        (await Store.ClaimDueAsync(Lease, 10)).Should().BeEmpty("a claimed entry stays hidden for its lease");
        (await Store.CompleteAsync(claimed[0])).Should().BeTrue();
        (await _redis.Store.ExistsAsync(ScheduledMessageStore.EntryKey(claimed[0].Id))).Should().BeFalse();
        (await Store.CountAsync()).Should().Be(1, "the later entry is still waiting");
    }

    [Fact]
    public async Task An_expired_claim_comes_back_and_the_stale_claimer_cannot_complete_it()
    {
        await Store.AddAsync(Envelope(DateTime.UtcNow.AddSeconds(-1)));
        var crashed = (await Store.ClaimDueAsync(TimeSpan.FromMilliseconds(300), 10)).Single();

        ClaimedEnvelope? reclaimed = null;
        await Eventually.True(async () =>
        {
            reclaimed = (await Store.ClaimDueAsync(Lease, 10)).SingleOrDefault();
            return reclaimed is not null;
        }, "entry claimable again after the lease", TimeSpan.FromSeconds(10));

        reclaimed!.ClaimedUntilUnixMs.Should().BeGreaterThan(crashed.ClaimedUntilUnixMs);
        (await Store.CompleteAsync(crashed)).Should().BeFalse("the lease was lost to another dispatcher");
        (await Store.CountAsync()).Should().Be(1);
        (await Store.CompleteAsync(reclaimed)).Should().BeTrue();
        (await Store.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Release_makes_a_claimed_entry_due_again()
    {
        await Store.AddAsync(Envelope(DateTime.UtcNow.AddSeconds(-1)));
        var claimed = (await Store.ClaimDueAsync(Lease, 10)).Single();

        (await Store.ReleaseAsync(claimed, TimeSpan.Zero)).Should().BeTrue();

        (await Store.ClaimDueAsync(Lease, 10)).Should().ContainSingle().Which.Id.Should().Be(claimed.Id);
    }

    [Fact]
    public async Task Rescheduling_the_same_token_while_claimed_survives_completion_of_the_old_claim()
    {
        var first = Envelope(DateTime.UtcNow.AddSeconds(-1));
        await Store.AddAsync(first);
        var claimed = (await Store.ClaimDueAsync(Lease, 10)).Single();

        var rescheduled = first with { DueUtc = DateTime.UtcNow.AddMinutes(5), Body = "{\"v\":2}" };
        await Store.AddAsync(rescheduled);

        (await Store.CompleteAsync(claimed)).Should().BeFalse();
        var fields = await _redis.Store.HashGetAllAsync(ScheduledMessageStore.EntryKey(claimed.Id));
        ScheduledEnvelope.FromFields(fields).Body.Should().Be("{\"v\":2}");
        (await Store.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Claim_respects_the_batch_size()
    {
        for (var i = 0; i < 5; i++) await Store.AddAsync(Envelope(DateTime.UtcNow.AddSeconds(-1)));

        (await Store.ClaimDueAsync(Lease, 3)).Should().HaveCount(3);
        (await Store.ClaimDueAsync(Lease, 3)).Should().HaveCount(2);
    }

    private static ScheduledEnvelope Envelope(DateTime dueUtc) => new(
        Guid.NewGuid(), new Uri("queue:somewhere"), dueUtc, "application/vnd.masstransit+json",
        ["urn:message:Bos.Tests:Thing"], Guid.NewGuid(), Guid.NewGuid(), "{\"message\":{}}");

    private static DateTime RoundedUp(DateTime utc) =>
        DateTimeOffset.FromUnixTimeMilliseconds(new ScheduledEnvelope(Guid.Empty, new Uri("queue:x"), utc, "", [], null, null, "").DueUnixMs).UtcDateTime;
}
