using Bos.Contracts.Resources;

namespace Bos.Core.Sessions.Setup;

/// <summary>
/// Which HSM node architectures a boot set's <c>arch</c> accepts (§3.6 step 9), with Bos's Q-11 decision.
/// Upstream compared case-sensitively and mapped a missing HSM <c>Arch</c> to "Unknown", while HSM itself reports
/// "UNKNOWN": X86 boot sets took "UNKNOWN" nodes but not nodes without an Arch, and only an "Unknown" boot set took
/// those. Bos treats both spellings and a missing Arch as one unknown architecture, which X86 boot sets (the
/// default) and Unknown boot sets accept.
/// </summary>
public static class ArchMatch
{
    private const string UnknownArch = "UNKNOWN";

    /// <param name="bootSetArch">The boot set's arch; null means the default, X86.</param>
    /// <param name="hsmArch">The node's HSM Arch; null or empty when HSM sent none.</param>
    public static bool Accepts(string? bootSetArch, string? hsmArch)
    {
        var wanted = Normalise(string.IsNullOrEmpty(bootSetArch) ? BootSetArchs.Default : bootSetArch);
        var actual = Normalise(hsmArch);
        return actual == wanted || (wanted == BootSetArchs.X86.ToUpperInvariant() && actual == UnknownArch);
    }

    private static string Normalise(string? arch) => string.IsNullOrEmpty(arch) ? UnknownArch : arch.ToUpperInvariant();
}
