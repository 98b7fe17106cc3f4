namespace Bos.Migrate;

/// <summary>What one run of the command does, from its arguments.</summary>
public sealed record MigrationSettings
{
    /// <summary>Report and log what would change; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>`redis://host:port` of an upstream BOS database to import; null repairs Bos's own data.</summary>
    public string? FromUpstream { get; init; }
}
