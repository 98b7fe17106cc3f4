using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>The component counts by state that the writes keep (the `bos_components` gauge), over the real Redis.</summary>
[NeedsServices]
public sealed class ComponentStateCountsTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(ComponentStateCountsTests));
    private ComponentRepository _repository = null!;
    private ComponentStateCounts _counts = null!;

    public Task InitializeAsync()
    {
        _repository = new ComponentRepository(_redis.Store, new Core.Outbox.Outbox(), TimeProvider.System);
        _counts = new ComponentStateCounts(_redis.Store, _repository);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static Component Record(string id, string phase, bool enabled) => new()
    {
        Id = id, Enabled = enabled, Status = new ComponentStatus { Phase = phase, StatusOverride = "" },
        LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false },
    };

    private async Task<Dictionary<string, long>> CountsAsync() =>
        (await _counts.ReadAsync()).ToDictionary(c => $"{c.Phase}|{c.Status}|{c.Enabled}", c => c.Count);

    [Fact]
    public async Task Writes_move_each_component_between_the_counts_of_its_old_and_new_state()
    {
        await _repository.PutManyAsync([Record("a", "", false), Record("b", "", false), Record("c", Phases.PoweringOn, true)]);
        (await CountsAsync()).Should().BeEquivalentTo(new Dictionary<string, long> { ["|stable|False"] = 2, ["powering_on|power_on_pending|True"] = 1 });

        await _repository.UpdateManyAsync(["a", "b"], (_, c) => c! with { Enabled = true, Status = c.Status! with { Phase = Phases.PoweringOn } });
        await _repository.UpdateAsync("c", c => c with { Enabled = false, Status = c.Status! with { Phase = "" } });
        (await CountsAsync()).Should().BeEquivalentTo(new Dictionary<string, long> { ["|stable|False"] = 1, ["powering_on|power_on_pending|True"] = 2 });

        (await _repository.DeleteAsync("a")).Should().BeTrue();
        (await _repository.DeleteAsync("a")).Should().BeFalse();
        (await CountsAsync()).Should().BeEquivalentTo(new Dictionary<string, long> { ["|stable|False"] = 1, ["powering_on|power_on_pending|True"] = 1 });
    }

    [Fact]
    public async Task Records_of_an_earlier_build_are_counted_once_by_the_backfill()
    {
        await _repository.PutManyAsync([Record("a", "", false), Record("b", Phases.Configuring, true)]);
        // As an earlier build left them: records without counted states.
        await _redis.Store.DeleteAsync(ComponentStateCounts.StateKey);
        await _redis.Store.DeleteAsync(ComponentStateCounts.CountsKey);
        await _repository.PutManyAsync([Record("c", "", false)]);

        (await _counts.BackfillAsync(CancellationToken.None)).Should().BeTrue();
        (await _counts.BackfillAsync(CancellationToken.None)).Should().BeFalse("it runs once per Redis");

        (await CountsAsync()).Should().BeEquivalentTo(new Dictionary<string, long> { ["|stable|False"] = 2, ["configuring|configuring|True"] = 1 });
    }
}
