using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Tells a component change that calls for a new assessment from an echo of the orchestration's own writes, by what
/// the engine last saw (<see cref="ComponentInputSummary"/> defines the fingerprint and the external action). The
/// orchestration's own writes (phase, error, power last actions, event_stats, desired bss_token) are echoes: a power
/// action replacing session_setup in last_action is not news, so the engine remembers the last non-power action
/// separately.
/// </summary>
public static class ComponentFingerprint
{
    /// <summary>True when <paramref name="component"/> differs from what the engine last saw in a way that matters.</summary>
    public static bool IsNews(EngineState state, Component component) =>
        IsNews(state, ComponentInputSummary.Fingerprint(component), ComponentInputSummary.ExternalAction(component));

    /// <summary>The same decision from a change's summary (<see cref="Bos.Contracts.Events.ComponentInputChange"/>).</summary>
    public static bool IsNews(EngineState state, string fingerprint, string? externalAction) =>
        fingerprint != state.Fingerprint || (externalAction is not null && externalAction != state.ExternalAction);

    /// <summary><paramref name="state"/> remembering <paramref name="component"/> as the last seen record.</summary>
    public static EngineState Remember(EngineState state, Component component) => state with
    {
        Fingerprint = ComponentInputSummary.Fingerprint(component),
        ExternalAction = ComponentInputSummary.ExternalAction(component) ?? state.ExternalAction,
    };
}
