namespace Bos.Workers.Orchestration;

/// <summary>What the engine waits for on behalf of a component.</summary>
public enum MachineState
{
    /// <summary>Nothing known: the component is disabled, deleted, or was never seen enabled.</summary>
    Idle,

    /// <summary>An observation (PCS power state and the CFS component) has been asked for.</summary>
    Observing,

    /// <summary>A power request (On, Soft-Off, Force-Off) has been asked for and is not answered yet.</summary>
    Acting,

    /// <summary>Nothing is out: waiting for an input change, a deadline, the sweep or an observation someone asked for.</summary>
    Waiting,
}

/// <summary>What happened to a component, as <see cref="ComponentEngine"/> classifies its inputs.</summary>
public enum Trigger
{
    /// <summary>Deleted, or no longer enabled.</summary>
    Gone,

    /// <summary>A driving field changed (<see cref="ComponentFingerprint"/>), or an enabled component is seen for the first time.</summary>
    NewInput,

    /// <summary>Its deadline, sweep or watchdog time came.</summary>
    Due,

    /// <summary>An observation arrived.</summary>
    Observed,

    /// <summary>Assessed: power-on is due (power_on_pending).</summary>
    PowerOnDue,

    /// <summary>Assessed: graceful power-off is due (power_off_pending).</summary>
    GracefulOffDue,

    /// <summary>Assessed: forceful power-off is due (still on past max_power_off_wait_time).</summary>
    ForcefulOffDue,

    /// <summary>Assessed: nothing to call now.</summary>
    NothingDue,

    /// <summary>Assessed, or answered: the component was disabled (done, failed or on hold).</summary>
    Done,

    /// <summary>The power request was answered (acted on, skipped, or over its retry limit).</summary>
    Answered,
}

/// <summary>What a transition does, in this order: drop, mark, ask, arm.</summary>
[Flags]
public enum Effects
{
    None = 0,

    /// <summary>Run the status assessment (OP-30) on the observation; its outcome is the next trigger.</summary>
    Assess = 1,

    /// <summary>Ask for an observation (batched with others) and arm the request watchdog.</summary>
    Observe = 2,

    /// <summary>Ask for PCS On (with IMS, BSS and CFS first) and arm the watchdog.</summary>
    RequestPowerOn = 4,

    /// <summary>Ask for PCS Soft-Off and arm the watchdog.</summary>
    RequestGracefulOff = 8,

    /// <summary>Ask for PCS Force-Off and arm the watchdog.</summary>
    RequestForcefulOff = 16,

    /// <summary>Arm the plan's deadline or sweep; ask CFS to configure when the plan says so; watch CFS while configuring.</summary>
    Wait = 32,

    /// <summary>Something happened while a request is out: observe once it is answered.</summary>
    MarkDirty = 64,

    /// <summary>Drop what the engine keeps for the component (state, due time).</summary>
    Forget = 128,
}

/// <summary>One row of the machine: in <see cref="From"/>, on <see cref="On"/> (when <see cref="WhenDirty"/> matches, if set), do <see cref="Do"/> and go to <see cref="To"/>.</summary>
public sealed record Transition(MachineState From, Trigger On, bool? WhenDirty, Effects Do, MachineState To);

/// <summary>
/// The component orchestration as one state machine (OP-13..16, OP-30, OP-40): the only definition of what happens
/// next to a component. Upstream's operators poll; here every input (a change event, an observation, the answer of a
/// power call, a due time) is a trigger, and this table says where it leads. The decisions behind the assessed
/// triggers (which power action is due) are <see cref="ComponentDecision"/>'s; <see cref="ComponentEngine"/> runs the
/// table over batches of components. A pair without a row leaves the component as it is (a stale or duplicate input).
/// </summary>
public static class ComponentMachine
{
    private const MachineState Idle = MachineState.Idle, Observing = MachineState.Observing, Acting = MachineState.Acting,
        Waiting = MachineState.Waiting;

    public static IReadOnlyList<Transition> Table { get; } =
    [
        new(Idle, Trigger.NewInput, null, Effects.Observe, Observing),
        new(Idle, Trigger.Gone, null, Effects.Forget, Idle),

        new(Observing, Trigger.Gone, null, Effects.Forget, Idle),
        new(Observing, Trigger.NewInput, null, Effects.MarkDirty, Observing),
        // The watchdog: the observation got no answer (a lost message, a service that failed); ask again.
        new(Observing, Trigger.Due, null, Effects.Observe, Observing),
        new(Observing, Trigger.Observed, null, Effects.Assess, Observing),
        new(Observing, Trigger.PowerOnDue, null, Effects.RequestPowerOn, Acting),
        new(Observing, Trigger.GracefulOffDue, null, Effects.RequestGracefulOff, Acting),
        new(Observing, Trigger.ForcefulOffDue, null, Effects.RequestForcefulOff, Acting),
        new(Observing, Trigger.NothingDue, false, Effects.Wait, Waiting),
        new(Observing, Trigger.NothingDue, true, Effects.Observe, Observing),
        new(Observing, Trigger.Done, null, Effects.Forget, Idle),

        new(Acting, Trigger.Gone, null, Effects.Forget, Idle),
        new(Acting, Trigger.NewInput, null, Effects.MarkDirty, Acting),
        // The watchdog: the power request got no answer; look at the component again.
        new(Acting, Trigger.Due, null, Effects.Observe, Observing),
        // Someone else's observation (a PCS transition or CFS configuration that moved on) while the request is out.
        new(Acting, Trigger.Observed, null, Effects.MarkDirty, Acting),
        new(Acting, Trigger.Answered, false, Effects.Wait, Waiting),
        new(Acting, Trigger.Answered, true, Effects.Observe, Observing),
        new(Acting, Trigger.Done, null, Effects.Forget, Idle),

        new(Waiting, Trigger.Gone, null, Effects.Forget, Idle),
        new(Waiting, Trigger.NewInput, null, Effects.Observe, Observing),
        new(Waiting, Trigger.Due, null, Effects.Observe, Observing),
        // A late or duplicate observation is still an observation.
        new(Waiting, Trigger.Observed, null, Effects.Assess, Waiting),
        new(Waiting, Trigger.PowerOnDue, null, Effects.RequestPowerOn, Acting),
        new(Waiting, Trigger.GracefulOffDue, null, Effects.RequestGracefulOff, Acting),
        new(Waiting, Trigger.ForcefulOffDue, null, Effects.RequestForcefulOff, Acting),
        new(Waiting, Trigger.NothingDue, null, Effects.Wait, Waiting),
        new(Waiting, Trigger.Done, null, Effects.Forget, Idle),
    ];

    // Arrays looked up and scanned without a closure or an enumerator: the engine asks several times a step.
    private static readonly Dictionary<(MachineState, Trigger), Transition[]> Rows =
        Table.GroupBy(t => (t.From, t.On)).ToDictionary(g => g.Key, g => g.ToArray());

    /// <summary>The row for <paramref name="from"/> and <paramref name="on"/>, or null: the input changes nothing.</summary>
    public static Transition? Next(MachineState from, Trigger on, bool dirty)
    {
        if (!Rows.TryGetValue((from, on), out var rows)) return null;
        foreach (var t in rows)
            if (t.WhenDirty is null || t.WhenDirty == dirty) return t;
        return null;
    }

    /// <summary>The power request an effect asks for, if any.</summary>
    public static ActionKind? RequestOf(Effects effects) =>
        effects.HasFlag(Effects.RequestPowerOn) ? ActionKind.PowerOn
        : effects.HasFlag(Effects.RequestGracefulOff) ? ActionKind.GracefulOff
        : effects.HasFlag(Effects.RequestForcefulOff) ? ActionKind.ForcefulOff
        : null;

    /// <summary>The table as the Markdown rows of docs/operators.md.</summary>
    public static IEnumerable<string> Render() => Table.Select(t =>
        $"| {t.From} | {t.On}{(t.WhenDirty is { } d ? d ? " (dirty)" : " (not dirty)" : "")} | {string.Join(", ", Describe(t.Do))} | {t.To} |");

    private static IEnumerable<string> Describe(Effects effects) =>
        Enum.GetValues<Effects>().Where(e => e != Effects.None && effects.HasFlag(e)).Select(e => e.ToString());
}
