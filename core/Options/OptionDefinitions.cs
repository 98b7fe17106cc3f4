using System.Text.Json.Nodes;

namespace Bos.Core.Options;

/// <summary>
/// Every BOS option (DM-80) with upstream 2.50's name, default and range: the one place they are written down.
/// <see cref="BosOptions"/> takes its defaults from here, the API and <see cref="RedisBosOptionsSource"/> validate
/// stored values with these rules. Ranges and patterns equal the spec's V2Options schema (a test holds them together).
/// </summary>
public static class OptionDefinitions
{
    private const string AgeStringPattern = "^(0|0[mMhHdDwW]|[1-9][0-9]*[mMhHdDwW])$";
    private const string LoggingLevelPattern =
        "^([dD][eE][bB][uU][gG]|[iI][nN][fF][oO]|[wW][aA][rR][nN][iI][nN][gG]|[eE][rR][rR][oO][rR]|[cC][rR][iI][tT][iI][cC][aA][lL])$";

    public static readonly IntegerOption BssReadTimeout = new("bss_read_timeout", 20, 10, 86400);
    public static readonly IntegerOption CfsReadTimeout = new("cfs_read_timeout", 20, 10, 86400);
    public static readonly StringOption CleanupCompletedSessionTtl = new("cleanup_completed_session_ttl", "7d", AgeStringPattern, 1, 8);
    public static readonly BooleanOption ClearStage = new("clear_stage", false);
    // At least one hour since upstream 2.50; older stored values such as "30m" are illegal and read as the default.
    public static readonly StringOption ComponentActualStateTtl = new("component_actual_state_ttl", "4h", "^[1-9][0-9]*[hHdDwW]$", 2, 8);
    public static readonly IntegerOption DefaultRetryPolicy = new("default_retry_policy", 3, 0, 1048576);
    public static readonly IntegerOption DiscoveryFrequency = new("discovery_frequency", 300, 0, 33554432);
    public static readonly IntegerOption HsmReadTimeout = new("hsm_read_timeout", 20, 10, 86400);
    public static readonly BooleanOption ImsErrorsFatal = new("ims_errors_fatal", false);
    public static readonly BooleanOption ImsImagesMustExist = new("ims_images_must_exist", false);
    public static readonly IntegerOption ImsReadTimeout = new("ims_read_timeout", 20, 10, 86400);
    public static readonly StringOption LoggingLevel = new("logging_level", "INFO", LoggingLevelPattern);
    public static readonly IntegerOption MaxBootWaitTime = new("max_boot_wait_time", 1200, 0, 1048576);
    public static readonly IntegerOption MaxComponentBatchSize = new("max_component_batch_size", 2800, 0, 131071);
    public static readonly IntegerOption MaxPowerOffWaitTime = new("max_power_off_wait_time", 300, 0, 1048576);
    public static readonly IntegerOption MaxPowerOnWaitTime = new("max_power_on_wait_time", 120, 0, 1048576);
    public static readonly IntegerOption PcsReadTimeout = new("pcs_read_timeout", 20, 10, 86400);
    public static readonly IntegerOption PollingFrequency = new("polling_frequency", 15, 0, 1048576);
    public static readonly BooleanOption RejectNids = new("reject_nids", false);
    public static readonly BooleanOption SessionLimitRequired = new("session_limit_required", false);

    /// <summary>All options in name order (the order of the spec and of the stored record).</summary>
    public static IReadOnlyList<OptionDefinition> All { get; } =
    [
        BssReadTimeout, CfsReadTimeout, CleanupCompletedSessionTtl, ClearStage, ComponentActualStateTtl,
        DefaultRetryPolicy, DiscoveryFrequency, HsmReadTimeout, ImsErrorsFatal, ImsImagesMustExist, ImsReadTimeout,
        LoggingLevel, MaxBootWaitTime, MaxComponentBatchSize, MaxPowerOffWaitTime, MaxPowerOnWaitTime, PcsReadTimeout,
        PollingFrequency, RejectNids, SessionLimitRequired,
    ];

    private static readonly Dictionary<string, OptionDefinition> ByName = All.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>The option of that exact (case-sensitive) name, or null for an unknown key.</summary>
    public static OptionDefinition? Find(string name) => ByName.GetValueOrDefault(name);

    public static bool IsKnown(string name) => ByName.ContainsKey(name);

    /// <summary>A new record holding every option at its default.</summary>
    public static JsonObject DefaultRecord() => new(All.Select(o => KeyValuePair.Create(o.Name, (JsonNode?)o.DefaultValue())));
}
