namespace Bos.Migrate.Report;

/// <summary>What happened to one record.</summary>
public enum RecordOutcome
{
    /// <summary>Already as it should be: nothing written.</summary>
    Unchanged,

    /// <summary>Written as read (import).</summary>
    Imported,

    /// <summary>Written after repairs (renamed, fields dropped or corrected); the reasons are listed.</summary>
    Repaired,

    /// <summary>Not kept: deleted from Bos's data, or not imported; the reason is given and the record logged.</summary>
    Rejected,
}

/// <summary>Counts per kind of record and outcome, plus the reasons of every repair and rejection.</summary>
public sealed class MigrationReport(bool dryRun)
{
    private readonly Dictionary<(string Kind, RecordOutcome Outcome), int> _counts = new();
    private readonly List<string> _details = [];

    public bool DryRun { get; } = dryRun;

    public int Count(string kind, RecordOutcome outcome) => _counts.GetValueOrDefault((kind, outcome));

    public int Total(RecordOutcome outcome) => _counts.Where(c => c.Key.Outcome == outcome).Sum(c => c.Value);

    public IReadOnlyList<string> Details => _details;

    public void Add(string kind, string id, RecordOutcome outcome, IEnumerable<string>? reasons = null)
    {
        _counts[(kind, outcome)] = Count(kind, outcome) + 1;
        var text = reasons is null ? "" : string.Join("; ", reasons);
        if (outcome is RecordOutcome.Repaired or RecordOutcome.Rejected)
            _details.Add($"{kind} '{id}': {outcome.ToString().ToLowerInvariant()}: {text}");
    }

    /// <summary>The report printed at the end of a run: one line per kind, then the reasons.</summary>
    public void Print(TextWriter output, string title)
    {
        output.WriteLine(DryRun ? $"{title} (dry run: nothing was written)" : title);
        foreach (var kind in _counts.Keys.Select(k => k.Kind).Distinct())
            output.WriteLine($"  {kind}: " + string.Join(", ", Enum.GetValues<RecordOutcome>()
                .Select(o => $"{Count(kind, o)} {o.ToString().ToLowerInvariant()}")));
        if (_counts.Count == 0) output.WriteLine("  no records");
        foreach (var line in _details) output.WriteLine("  " + line);
    }
}
