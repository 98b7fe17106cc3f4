using System.Security.Cryptography;
using System.Text;
using Bos.Contracts.Events;
using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// What the internal bus carries of a component's input change (<see cref="ComponentInputChange"/>): the fields the
/// component engine and session completion decide on, computed once where the change is relayed. The fingerprint
/// covers the fields that drive the engine: enabled, the status override (on_hold from the API, failed from a retry
/// limit), desired and actual boot artifacts and configuration, the reported BSS token and the retry policy. The last
/// action is kept apart: only one someone other than the power operators wrote (session_setup, apply_staged,
/// actual_state_cleanup: a request for a new start) is news, and a power action replacing it must not look like one.
/// </summary>
public static class ComponentInputSummary
{
    public static ComponentInputChange Of(ComponentChanged change)
    {
        var facts = FactsOf(change);
        return new()
        {
            ComponentId = change.ComponentId,
            ChangedFields = change.ChangedFields,
            ChangedAt = change.ChangedAt,
            Enabled = facts.Enabled,
            Session = facts.Session,
            Fingerprint = facts.Fingerprint,
            ExternalAction = facts.ExternalAction,
        };
    }

    /// <summary>What the relay needs of the record after a change (the input fields only for an input change).</summary>
    public static ComponentFacts Facts(Component after, bool inputChanged) => new()
    {
        Phase = after.Status?.Phase ?? "",
        Status = ComponentStatusRule.Compute(after),
        Enabled = after.Enabled == true,
        Error = after.Error ?? "",
        LastAction = after.LastAction?.Action,
        Session = after.Session ?? "",
        Fingerprint = inputChanged ? Fingerprint(after) : null,
        ExternalAction = inputChanged ? ExternalAction(after) : null,
    };

    /// <summary>A change's facts: as its writer computed them, or from the record an entry of an earlier build carries.</summary>
    public static ComponentFacts FactsOf(ComponentChanged change) =>
        change.Facts ?? (change.Component is { } c ? Facts(c, inputChanged: true)
            : throw new ArgumentException($"Component change of {change.ComponentId} carries neither facts nor a record", nameof(change)));

    /// <summary>The driving fields other than last_action, hashed.</summary>
    public static string Fingerprint(Component c)
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
