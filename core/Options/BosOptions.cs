namespace Bos.Core.Options;

/// <summary>
/// Typed view of the options record (DM-80). Names, defaults and ranges live in <see cref="OptionDefinitions"/>;
/// the API stores the record as JSON and every process reads it through <see cref="IBosOptionsSource"/>
/// (<see cref="RedisBosOptionsSource"/>).
/// </summary>
public sealed record BosOptions
{
    public int BssReadTimeout { get; init; } = OptionDefinitions.BssReadTimeout.Default;
    public int CfsReadTimeout { get; init; } = OptionDefinitions.CfsReadTimeout.Default;
    public string CleanupCompletedSessionTtl { get; init; } = OptionDefinitions.CleanupCompletedSessionTtl.Default;
    public bool ClearStage { get; init; } = OptionDefinitions.ClearStage.Default;
    public string ComponentActualStateTtl { get; init; } = OptionDefinitions.ComponentActualStateTtl.Default;
    public int DefaultRetryPolicy { get; init; } = OptionDefinitions.DefaultRetryPolicy.Default;
    public int DiscoveryFrequency { get; init; } = OptionDefinitions.DiscoveryFrequency.Default;
    public int HsmReadTimeout { get; init; } = OptionDefinitions.HsmReadTimeout.Default;
    public bool ImsErrorsFatal { get; init; } = OptionDefinitions.ImsErrorsFatal.Default;
    public bool ImsImagesMustExist { get; init; } = OptionDefinitions.ImsImagesMustExist.Default;
    public int ImsReadTimeout { get; init; } = OptionDefinitions.ImsReadTimeout.Default;
    public string LoggingLevel { get; init; } = OptionDefinitions.LoggingLevel.Default;
    public int MaxBootWaitTime { get; init; } = OptionDefinitions.MaxBootWaitTime.Default;
    public int MaxComponentBatchSize { get; init; } = OptionDefinitions.MaxComponentBatchSize.Default;
    public int MaxPowerOffWaitTime { get; init; } = OptionDefinitions.MaxPowerOffWaitTime.Default;
    public int MaxPowerOnWaitTime { get; init; } = OptionDefinitions.MaxPowerOnWaitTime.Default;
    public int PcsReadTimeout { get; init; } = OptionDefinitions.PcsReadTimeout.Default;
    public int PollingFrequency { get; init; } = OptionDefinitions.PollingFrequency.Default;
    public bool RejectNids { get; init; } = OptionDefinitions.RejectNids.Default;
    public bool SessionLimitRequired { get; init; } = OptionDefinitions.SessionLimitRequired.Default;

    public static BosOptions Defaults { get; } = new();

    /// <summary>The typed view of a record whose values are legal (see <see cref="OptionsRecord.Effective"/>).</summary>
    public static BosOptions FromRecord(System.Text.Json.Nodes.JsonObject record) => Json.BosJson.Deserialize<BosOptions>(record);
}

/// <summary>The current options of this process (<see cref="RedisBosOptionsSource"/>: refreshed from Redis).</summary>
public interface IBosOptionsSource
{
    BosOptions Current { get; }
}

/// <summary>A fixed options source (tests, tools, and until the store has been read).</summary>
public sealed class StaticBosOptionsSource(BosOptions options) : IBosOptionsSource
{
    public BosOptions Current { get; set; } = options;
}
