namespace Bos.Core.Audit;

/// <summary>The audit log (section "Audit"): a Redis stream of about <see cref="MaxEntries"/> entries (older ones trimmed).</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>false: nothing is recorded (what is stored can still be read).</summary>
    public bool Enabled { get; set; } = true;

    public long MaxEntries { get; set; } = 100_000;
}
