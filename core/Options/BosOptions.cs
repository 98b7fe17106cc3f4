namespace Bos.Core.Options;

/// <summary>
/// Typed view of the options record (DM-80) with upstream's defaults. The API stores the record as JSON
/// (see <see cref="OptionDefinitions"/> for names, defaults and ranges); processes read it through
/// <see cref="IBosOptionsSource"/>.
/// </summary>
public sealed record BosOptions
{
    public int BssReadTimeout { get; init; } = 20;
    public int CfsReadTimeout { get; init; } = 20;
    public string CleanupCompletedSessionTtl { get; init; } = "7d";
    public bool ClearStage { get; init; }
    public string ComponentActualStateTtl { get; init; } = "4h";
    public int DefaultRetryPolicy { get; init; } = 3;
    public int DiscoveryFrequency { get; init; } = 300;
    public int HsmReadTimeout { get; init; } = 20;
    public bool ImsErrorsFatal { get; init; }
    public bool ImsImagesMustExist { get; init; }
    public int ImsReadTimeout { get; init; } = 20;
    public string LoggingLevel { get; init; } = "INFO";
    public int MaxBootWaitTime { get; init; } = 1200;
    public int MaxComponentBatchSize { get; init; } = 2800;
    public int MaxPowerOffWaitTime { get; init; } = 300;
    public int MaxPowerOnWaitTime { get; init; } = 120;
    public int PcsReadTimeout { get; init; } = 20;
    public int PollingFrequency { get; init; } = 15;
    public bool RejectNids { get; init; }
    public bool SessionLimitRequired { get; init; }

    public static BosOptions Defaults { get; } = new();
}

/// <summary>The current options of this process: refreshed from Redis and on OptionsChanged events.</summary>
public interface IBosOptionsSource
{
    BosOptions Current { get; }
}

/// <summary>A fixed options source (tests, tools, and until the store has been read).</summary>
public sealed class StaticBosOptionsSource(BosOptions options) : IBosOptionsSource
{
    public BosOptions Current { get; set; } = options;
}
