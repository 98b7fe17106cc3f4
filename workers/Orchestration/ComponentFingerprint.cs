using System.Security.Cryptography;
using System.Text;
using Bos.Contracts.Resources;

namespace Bos.Workers.Orchestration;

/// <summary>
/// The fields of a component record whose change calls for a new assessment when someone other than the
/// orchestration changes them: enabled, the status override (on_hold from the API, failed from a retry limit),
/// desired and actual boot artifacts and configuration, the reported BSS token, the retry policy, and last actions
/// that are not power actions (session_setup, apply_staged, actual_state_cleanup). The orchestration's own writes
/// (phase, error, power last actions, event_stats, desired bss_token) leave it unchanged, so their echoes are ignored
/// instead of triggering an assessment loop.
/// </summary>
public static class ComponentFingerprint
{
    private static readonly HashSet<string> PowerActions = [Actions.PoweringOn, Actions.PoweringOffGracefully, Actions.PoweringOffForcefully];

    public static string Of(Component c)
    {
        var action = c.LastAction?.Action;
        var text = string.Join('\u001f',
            c.Enabled == true ? "1" : "0",
            c.Status?.StatusOverride ?? "",
            Artifacts(c.DesiredState?.BootArtifacts),
            c.DesiredState?.Configuration ?? "",
            Artifacts(c.ActualState?.BootArtifacts),
            c.ActualState?.BssToken ?? "",
            c.RetryPolicy?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            action is null || PowerActions.Contains(action) ? "" : action + "@" + c.LastAction?.LastUpdated);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }

    private static string Artifacts(BootArtifacts? a) => $"{a?.Kernel}\u001e{a?.KernelParameters}\u001e{a?.Initrd}";
}
