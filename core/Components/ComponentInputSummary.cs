using System.Buffers;
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
    /// <remarks>
    /// The hash of the fields' UTF-8 text joined by U+001F (an artifact's kernel, parameters and initrd by U+001E),
    /// written straight into one pooled buffer: it is computed for every input change by the writer and again by the
    /// engine, and with the text built as strings first it was a tenth of a worker's busy samples in the 10k reboot.
    /// </remarks>
    public static string Fingerprint(Component c)
    {
        var desired = c.DesiredState?.BootArtifacts;
        var actual = c.ActualState?.BootArtifacts;
        Span<char> retry = stackalloc char[11];
        var retryLength = c.RetryPolicy is { } policy && policy.TryFormat(retry, out var written, provider: System.Globalization.CultureInfo.InvariantCulture) ? written : 0;
        ReadOnlySpan<string?> parts =
        [
            c.Status?.StatusOverride, desired?.Kernel, desired?.KernelParameters, desired?.Initrd, c.DesiredState?.Configuration,
            actual?.Kernel, actual?.KernelParameters, actual?.Initrd, c.ActualState?.BssToken,
        ];
        var maxBytes = 1 + 16 + retryLength * 3;
        foreach (var part in parts) maxBytes += Encoding.UTF8.GetMaxByteCount(part?.Length ?? 0);
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var length = 0;
            buffer[length++] = c.Enabled == true ? (byte)'1' : (byte)'0';
            // Separators in the order of the joined text: enabled, override, desired artifacts, configuration,
            // actual artifacts, token, retry policy.
            ReadOnlySpan<byte> separators = [0x1f, 0x1f, 0x1e, 0x1e, 0x1f, 0x1f, 0x1e, 0x1e, 0x1f, 0x1f];
            for (var i = 0; i < parts.Length; i++)
            {
                buffer[length++] = separators[i];
                length += Encoding.UTF8.GetBytes(parts[i] ?? "", buffer.AsSpan(length));
            }
            buffer[length++] = separators[^1];
            length += Encoding.UTF8.GetBytes(retry[..retryLength], buffer.AsSpan(length));
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            return Convert.ToBase64String(hash[..12]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The last action and its time when someone other than the power operators wrote it, else null.</summary>
    public static string? ExternalAction(Component c) =>
        c.LastAction?.Action is { Length: > 0 } action && !Actions.IsPowerAction(action) ? action + "@" + c.LastAction.LastUpdated : null;

}
