using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Outbox;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>What a component write appends to the outbox, over the real Redis: the facts the relay needs, not the record.</summary>
[NeedsServices]
public sealed class ComponentChangeEntryTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(ComponentChangeEntryTests));
    private ComponentRepository _repository = null!;

    public Task InitializeAsync()
    {
        _repository = new ComponentRepository(_redis.Store, new Core.Outbox.Outbox(), TimeProvider.System);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private async Task<IReadOnlyList<string>> EntriesAsync() => await _redis.Store.ListRangeAsync(Core.Outbox.Outbox.ListKey, 0, -1);

    [Fact]
    public async Task A_write_appends_the_facts_of_the_record_and_not_the_record()
    {
        var record = new Component
        {
            Id = "x1", Enabled = true, Session = "s1", Error = "boom", LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false },
            Status = new ComponentStatus { Phase = Phases.PoweringOn, StatusOverride = "" },
            DesiredState = new DesiredState { BootArtifacts = new BootArtifacts { Kernel = "s3://b/k", KernelParameters = new string('p', 1000) } },
        };
        await _repository.PutManyAsync([record]);
        await _repository.UpdateAsync("x1", c => c with { Status = c.Status! with { Phase = Phases.Configuring } });

        var entries = await EntriesAsync();
        entries.Should().HaveCount(2);
        entries.Should().AllSatisfy(e => e.Should().NotContain("ppppp", "the record stays out of the entry"));
        var created = (ComponentChanged)OutboxEntry.Parse(entries[0]).Message!;
        var changed = (ComponentChanged)OutboxEntry.Parse(entries[1]).Message!;
        created.Component.Should().BeNull();
        created.Facts.Should().BeEquivalentTo(new ComponentFacts
        {
            Phase = Phases.PoweringOn, Status = ComponentStatusRule.Compute(record), Enabled = true, Error = "boom", LastAction = Actions.PoweringOn,
            Session = "s1", Fingerprint = ComponentInputSummary.Fingerprint(record), ExternalAction = null,
        });
        changed.InputChanged.Should().BeFalse("only the phase changed");
        changed.Facts!.Phase.Should().Be(Phases.Configuring);
        changed.Facts.Fingerprint.Should().BeNull("a bookkeeping change does not cross the internal bus");
        changed.PreviousPhase.Should().Be(Phases.PoweringOn);
    }

    [Fact]
    public async Task A_write_that_neither_drives_the_engine_nor_makes_a_public_event_appends_no_entry()
    {
        var record = new Component
        {
            Id = "x3", Enabled = true, Session = "s1", Error = "", Status = new ComponentStatus { Phase = Phases.PoweringOn, StatusOverride = "" },
            LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false }, EventStats = EventStats.Zero,
        };
        await _repository.PutManyAsync([record]);

        // A power-on's outcome: last action, attempt, BSS token, then an error; the phase stays powering_on.
        await _repository.UpdateAsync("x3", c => c with
        {
            LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false },
            EventStats = EventStats.Zero with { PowerOnAttempts = 1 },
            DesiredState = new DesiredState { BssToken = "t" },
        });
        await _repository.UpdateAsync("x3", c => c with { Error = "PCS refused" });

        (await EntriesAsync()).Should().ContainSingle("only the creation is announced");
        (await _repository.GetAsync("x3"))!.Error.Should().Be("PCS refused", "the record is written all the same");
    }

    [Fact]
    public void An_entry_of_an_earlier_build_with_the_record_is_read_for_the_same_facts()
    {
        var record = new Component { Id = "x2", Enabled = true, Session = "s2", Status = new ComponentStatus { Phase = Phases.PoweringOff } };
        var old = new ComponentChanged { ComponentId = "x2", ChangedFields = ["enabled"], Component = record, ChangedAt = DateTimeOffset.UtcNow, InputChanged = true };
        var parsed = (ComponentChanged)OutboxEntry.Parse(Core.Outbox.Outbox.Serialize(old)).Message!;

        ComponentInputSummary.FactsOf(parsed).Should().BeEquivalentTo(ComponentInputSummary.Facts(record, inputChanged: true));
        ComponentInputSummary.Of(parsed).Fingerprint.Should().Be(ComponentInputSummary.Fingerprint(record));
    }
}
