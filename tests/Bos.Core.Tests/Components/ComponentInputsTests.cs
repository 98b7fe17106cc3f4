using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>Which component changes are input changes (published as ComponentInputChanged) and which only bookkeeping.</summary>
public sealed class ComponentInputsTests
{
    private static readonly Component Base = new()
    {
        Id = "x1",
        Enabled = true,
        Session = "s1",
        DesiredState = new DesiredState { Configuration = "c1", BssToken = "t1", BootArtifacts = new BootArtifacts { Kernel = "k1" } },
        Status = new ComponentStatus { Phase = "powering_off", StatusOverride = "" },
        LastAction = new LastAction { Action = Actions.SessionSetup, LastUpdated = "2026-01-01T00:00:00Z", Failed = false },
        EventStats = EventStats.Zero,
        Error = "",
    };

    public static TheoryData<string, Component> Bookkeeping => new()
    {
        { "phase", Base with { Status = Base.Status! with { Phase = "powering_on" } } },
        { "error", Base with { Error = "PCS said no" } },
        { "event_stats", Base with { EventStats = new EventStats { PowerOnAttempts = 1 } } },
        { "desired bss_token", Base with { DesiredState = Base.DesiredState! with { BssToken = "t2" } } },
        { "a power last action replacing session_setup", Base with { LastAction = new LastAction { Action = Actions.PoweringOn, LastUpdated = "2026-01-01T00:00:05Z" } } },
    };

    public static TheoryData<string, Component> Inputs => new()
    {
        { "enabled", Base with { Enabled = false } },
        { "status override", Base with { Status = Base.Status! with { StatusOverride = Statuses.OnHold } } },
        { "desired configuration", Base with { DesiredState = Base.DesiredState! with { Configuration = "c2" } } },
        { "desired artifacts", Base with { DesiredState = Base.DesiredState! with { BootArtifacts = new BootArtifacts { Kernel = "k2" } } } },
        { "actual state", Base with { ActualState = new ActualState { BssToken = "t1" } } },
        { "session", Base with { Session = "s2" } },
        { "staged state", Base with { StagedState = new StagedState { Configuration = "c3" } } },
        { "retry policy", Base with { RetryPolicy = 1 } },
        { "a new non-power last action", Base with { LastAction = Base.LastAction! with { Action = Actions.ApplyStaged, LastUpdated = "2026-01-01T00:01:00Z" } } },
    };

    [Theory]
    [MemberData(nameof(Bookkeeping))]
    public void Bookkeeping_alone_is_not_an_input_change(string change, Component after) =>
        ComponentInputs.Changed(Base, after).Should().BeFalse(change);

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Everything_else_is_an_input_change(string change, Component after) =>
        ComponentInputs.Changed(Base, after).Should().BeTrue(change);

    [Fact]
    public void A_new_record_is_an_input_change() => ComponentInputs.Changed(null, Base).Should().BeTrue();

    [Fact]
    public void Field_by_field_it_decides_as_the_definition_by_copies_for_any_two_records()
    {
        var random = new Random(12);
        for (var i = 0; i < 20_000; i++)
        {
            var (before, after) = (RandomRecord(random), RandomRecord(random));
            // Random pairs nearly always differ in an input; pairs that differ in one or two fields tell the two apart.
            if (random.Next(2) == 0) after = Mix(random, before, after);
            ComponentInputs.Changed(before, after).Should().Be(ByCopies(before, after), $"pair {i}: {before} → {after}");
        }
    }

    [Fact]
    public void The_record_has_no_field_the_comparison_does_not_know()
    {
        // A new field must be added to ComponentInputs.Changed (as an input or as bookkeeping), then here.
        Names<Component>().Should().BeEquivalentTo("Id", "ActualState", "DesiredState", "StagedState", "LastAction", "EventStats", "Status",
            "Enabled", "Error", "Session", "RetryPolicy");
        Names<DesiredState>().Should().BeEquivalentTo("BootArtifacts", "Configuration", "BssToken", "LastUpdated");
        Names<ComponentStatus>().Should().BeEquivalentTo("Phase", "Status", "StatusOverride");
    }

    private static IEnumerable<string> Names<T>() =>
        typeof(T).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Select(p => p.Name);

    // The definition: what is left of each record without its bookkeeping (an object emptied by that counts as absent).
    private static bool ByCopies(Component before, Component after)
    {
        var lastActionIsBookkeeping = Actions.IsPowerAction(after.LastAction?.Action);
        return WithoutBookkeeping(before, lastActionIsBookkeeping) != WithoutBookkeeping(after, lastActionIsBookkeeping);
    }

    private static Component WithoutBookkeeping(Component c, bool lastActionIsBookkeeping) => c with
    {
        Status = string.IsNullOrEmpty(c.Status?.StatusOverride) ? null : new ComponentStatus { StatusOverride = c.Status.StatusOverride },
        Error = null,
        EventStats = null,
        DesiredState = c.DesiredState is null || c.DesiredState with { BssToken = null } == new DesiredState() ? null : c.DesiredState with { BssToken = null },
        LastAction = lastActionIsBookkeeping ? null : c.LastAction,
    };

    private static T Pick<T>(Random random, params T[] values) => values[random.Next(values.Length)];

    private static BootArtifacts? RandomArtifacts(Random random) =>
        Pick(random, null, new BootArtifacts(), new BootArtifacts { Kernel = "k1" }, new BootArtifacts { Kernel = "k2", Initrd = "i" });

    private static Component RandomRecord(Random random) => new()
    {
        Id = Pick(random, "x1", "x1", "x2"),
        ActualState = Pick(random, null, new ActualState(), new ActualState { BssToken = "t1" }, new ActualState { BootArtifacts = RandomArtifacts(random) }),
        DesiredState = Pick(random, null, new DesiredState(), new DesiredState { BssToken = "t1" }, new DesiredState { BssToken = "t2" },
            new DesiredState { Configuration = Pick(random, "", "c1"), BssToken = Pick<string?>(random, null, "t1") },
            new DesiredState { BootArtifacts = RandomArtifacts(random), LastUpdated = Pick<string?>(random, null, "u1") }),
        StagedState = Pick(random, null, new StagedState(), new StagedState { Session = "s1" }),
        LastAction = Pick(random, null, new LastAction(), new LastAction { Action = Actions.SessionSetup, LastUpdated = "a" },
            new LastAction { Action = Actions.PoweringOn, LastUpdated = Pick(random, "a", "b") }, new LastAction { Action = Actions.PoweringOffGracefully }),
        EventStats = Pick(random, null, EventStats.Zero, new EventStats { PowerOnAttempts = 2 }),
        Status = Pick(random, null, new ComponentStatus(), new ComponentStatus { Phase = "powering_on", StatusOverride = "" },
            new ComponentStatus { StatusOverride = Statuses.OnHold }, new ComponentStatus { Phase = "configuring", StatusOverride = Statuses.OnHold }),
        Enabled = Pick<bool?>(random, null, true, false),
        Error = Pick(random, null, "", "failed"),
        Session = Pick(random, null, "", "s1", "s2"),
        RetryPolicy = Pick<int?>(random, null, 1, 3),
    };

    // Before's fields, with one or two of after's.
    private static Component Mix(Random random, Component before, Component after)
    {
        var mixed = before;
        for (var n = random.Next(1, 3); n > 0; n--)
            mixed = random.Next(11) switch
            {
                0 => mixed with { Id = after.Id },
                1 => mixed with { ActualState = after.ActualState },
                2 => mixed with { DesiredState = after.DesiredState },
                3 => mixed with { StagedState = after.StagedState },
                4 => mixed with { LastAction = after.LastAction },
                5 => mixed with { EventStats = after.EventStats },
                6 => mixed with { Status = after.Status },
                7 => mixed with { Enabled = after.Enabled },
                8 => mixed with { Error = after.Error },
                9 => mixed with { Session = after.Session },
                _ => mixed with { RetryPolicy = after.RetryPolicy },
            };
        return mixed;
    }
}
