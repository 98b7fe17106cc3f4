using System.Security.Cryptography;
using System.Text;
using Bos.Contracts.Resources;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Tells a component change that calls for a new assessment from an echo of the orchestration's own writes.
/// Relevant: enabled, the status override (on_hold from the API, failed from a retry limit), desired and actual boot
/// artifacts and configuration, the reported BSS token, the retry policy, and a new last action that is not a power
/// action (session_setup, apply_staged, actual_state_cleanup: another party asks for a new start). The orchestration's
/// own writes (phase, error, power last actions, event_stats, desired bss_token) are echoes: a power action replacing
/// session_setup in last_action is not news, so the engine remembers the last non-power action separately.
/// </summary>
public static class ComponentFingerprint
{
    /// <summary>True when <paramref name="component"/> differs from what the engine last saw in a way that matters.</summary>
    public static bool IsNews(EngineState state, Component component) =>
        Of(component) != state.Fingerprint || (ExternalAction(component) is { } action && action != state.ExternalAction);

    /// <summary><paramref name="state"/> remembering <paramref name="component"/> as the last seen record.</summary>
    public static EngineState Remember(EngineState state, Component component) => state with
    {
        Fingerprint = Of(component),
        ExternalAction = ExternalAction(component) ?? state.ExternalAction,
    };

    /// <summary>The driving fields other than last_action, hashed.</summary>
    public static string Of(Component c)
    {
        var text = string.Join('\u001f',
            c.Enabled == true ? "1" : "0",
            c.Status?.StatusOverride ?? "",
            Artifacts(c.DesiredState?.BootArtifacts),
            c.DesiredState?.Configuration ?? "",
            Artifacts(c.ActualState?.BootArtifacts),
            c.ActualState?.BssToken ?? "",
            c.RetryPolicy?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }

    /// <summary>The last action and its time when someone other than the power operators wrote it, else null.</summary>
    public static string? ExternalAction(Component c) =>
        c.LastAction?.Action is { Length: > 0 } action && !Actions.IsPowerAction(action) ? action + "@" + c.LastAction.LastUpdated : null;

    private static string Artifacts(BootArtifacts? a) => $"{a?.Kernel}\u001e{a?.KernelParameters}\u001e{a?.Initrd}";
}
