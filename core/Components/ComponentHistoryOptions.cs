namespace Bos.Core.Components;

/// <summary>
/// Retention of the per-component history (section "History"): at most <see cref="MaxEntries"/> entries per component
/// (the oldest dropped), none older than <see cref="MaxAge"/> (a component's history expires whole when it has not
/// changed for that long, and older entries are not returned). Sized for 100,000 components: docs/storage.md.
/// </summary>
public sealed class ComponentHistoryOptions
{
    public const string Section = "History";

    /// <summary>false: component writes record no history (what is stored stays until it expires).</summary>
    public bool Enabled { get; set; } = true;

    public int MaxEntries { get; set; } = 20;

    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);
}
