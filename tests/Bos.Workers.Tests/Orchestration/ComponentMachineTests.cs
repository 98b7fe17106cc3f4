using Bos.Workers.Orchestration;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>The component machine's table: where each trigger leads, and that docs/operators.md shows the same table.</summary>
public sealed class ComponentMachineTests
{
    [Theory]
    [InlineData(MachineState.Idle, Trigger.NewInput, false, Effects.Observe, MachineState.Observing)]
    [InlineData(MachineState.Idle, Trigger.Gone, false, Effects.Forget, MachineState.Idle)]
    [InlineData(MachineState.Observing, Trigger.Observed, false, Effects.Assess, MachineState.Observing)]
    [InlineData(MachineState.Observing, Trigger.PowerOnDue, false, Effects.RequestPowerOn, MachineState.Acting)]
    [InlineData(MachineState.Observing, Trigger.GracefulOffDue, false, Effects.RequestGracefulOff, MachineState.Acting)]
    [InlineData(MachineState.Observing, Trigger.ForcefulOffDue, false, Effects.RequestForcefulOff, MachineState.Acting)]
    [InlineData(MachineState.Observing, Trigger.NothingDue, false, Effects.Wait, MachineState.Waiting)]
    [InlineData(MachineState.Observing, Trigger.NothingDue, true, Effects.Observe, MachineState.Observing)]
    [InlineData(MachineState.Observing, Trigger.NewInput, false, Effects.MarkDirty, MachineState.Observing)]
    [InlineData(MachineState.Observing, Trigger.Due, false, Effects.Observe, MachineState.Observing)]
    [InlineData(MachineState.Observing, Trigger.Done, false, Effects.Forget, MachineState.Idle)]
    [InlineData(MachineState.Acting, Trigger.Observed, false, Effects.MarkDirty, MachineState.Acting)]
    [InlineData(MachineState.Acting, Trigger.NewInput, false, Effects.MarkDirty, MachineState.Acting)]
    [InlineData(MachineState.Acting, Trigger.Answered, false, Effects.Wait, MachineState.Waiting)]
    [InlineData(MachineState.Acting, Trigger.Answered, true, Effects.Observe, MachineState.Observing)]
    [InlineData(MachineState.Acting, Trigger.Due, false, Effects.Observe, MachineState.Observing)]
    [InlineData(MachineState.Acting, Trigger.Gone, true, Effects.Forget, MachineState.Idle)]
    [InlineData(MachineState.Waiting, Trigger.NewInput, false, Effects.Observe, MachineState.Observing)]
    [InlineData(MachineState.Waiting, Trigger.Due, false, Effects.Observe, MachineState.Observing)]
    [InlineData(MachineState.Waiting, Trigger.Observed, false, Effects.Assess, MachineState.Waiting)]
    [InlineData(MachineState.Waiting, Trigger.NothingDue, false, Effects.Wait, MachineState.Waiting)]
    [InlineData(MachineState.Waiting, Trigger.PowerOnDue, false, Effects.RequestPowerOn, MachineState.Acting)]
    [InlineData(MachineState.Waiting, Trigger.Done, false, Effects.Forget, MachineState.Idle)]
    public void A_trigger_leads_where_the_table_says(MachineState from, Trigger on, bool dirty, Effects effects, MachineState to)
    {
        var row = ComponentMachine.Next(from, on, dirty);

        row.Should().NotBeNull();
        row!.Do.Should().Be(effects);
        row.To.Should().Be(to);
    }

    [Theory]
    [InlineData(MachineState.Idle, Trigger.Due)]
    [InlineData(MachineState.Idle, Trigger.Observed)]
    [InlineData(MachineState.Idle, Trigger.Answered)]
    [InlineData(MachineState.Observing, Trigger.Answered)]
    [InlineData(MachineState.Waiting, Trigger.Answered)]
    [InlineData(MachineState.Acting, Trigger.PowerOnDue)]
    public void A_stale_input_has_no_row_and_changes_nothing(MachineState from, Trigger on) =>
        ComponentMachine.Next(from, on, dirty: false).Should().BeNull();

    [Fact]
    public void Every_pair_has_at_most_one_row_for_a_dirty_flag()
    {
        foreach (var from in Enum.GetValues<MachineState>())
            foreach (var on in Enum.GetValues<Trigger>())
                foreach (var dirty in new[] { false, true })
                    ComponentMachine.Table.Count(t => t.From == from && t.On == on && (t.WhenDirty is null || t.WhenDirty == dirty))
                        .Should().BeLessThanOrEqualTo(1, $"{from} on {on} (dirty {dirty})");
    }

    [Fact]
    public void Every_state_but_idle_is_left_when_the_component_is_gone_and_when_its_watchdog_is_due()
    {
        foreach (var from in new[] { MachineState.Observing, MachineState.Acting, MachineState.Waiting })
        {
            ComponentMachine.Next(from, Trigger.Gone, false)!.To.Should().Be(MachineState.Idle);
            ComponentMachine.Next(from, Trigger.Due, false)!.Do.Should().HaveFlag(Effects.Observe, "a due time always leads to a fresh look");
        }
    }

    [Fact]
    public void Docs_operators_md_shows_the_table_of_the_code()
    {
        var docs = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "operators.md"));
        var shown = docs.SkipWhile(l => !l.StartsWith("| From | On | Does | To |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|')).ToList();

        shown.Should().Equal(ComponentMachine.Render(), "docs/operators.md must show ComponentMachine.Table (its Render output)");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Bos.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Bos.sln above {AppContext.BaseDirectory}");
    }
}
