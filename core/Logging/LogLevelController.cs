using Serilog.Core;
using Serilog.Events;

namespace Bos.Core.Logging;

/// <summary>
/// Holds the process's minimum log level so it can change at runtime (upstream's `logging_level` option).
/// Accepts upstream's names: DEBUG, INFO, WARNING, ERROR, CRITICAL (any case).
/// </summary>
public sealed class LogLevelController
{
    public LoggingLevelSwitch Switch { get; } = new(LogEventLevel.Information);

    public LogEventLevel Level => Switch.MinimumLevel;

    public static bool TryParse(string? name, out LogEventLevel level)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "DEBUG": level = LogEventLevel.Debug; return true;
            case "INFO": level = LogEventLevel.Information; return true;
            case "WARNING": level = LogEventLevel.Warning; return true;
            case "ERROR": level = LogEventLevel.Error; return true;
            case "CRITICAL": level = LogEventLevel.Fatal; return true;
            default: level = default; return false;
        }
    }

    /// <summary>Applies an upstream level name; unknown names are ignored and reported as false.</summary>
    public bool Apply(string? name)
    {
        if (!TryParse(name, out var level)) return false;
        Switch.MinimumLevel = level;
        return true;
    }
}
