using Bos.Core.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bos.Core.Options;

public sealed class OptionsRefreshSettings
{
    public const string Section = "OptionsRefresh";

    /// <summary>How often every process re-reads the options record (upstream's API re-read it on every request).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Keeps this process following the stored options: the first read before the host has started, then a refresh
/// every <see cref="OptionsRefreshSettings.Interval"/>; `logging_level` is applied to the process whenever the
/// current value differs from the level it last applied (so also on the first read: the stored option outranks
/// the configured start-up level, as upstream's option did for every BOS process).
/// </summary>
public sealed class OptionsFollower : BackgroundService
{
    private readonly RedisBosOptionsSource _source;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _interval;
    private readonly LogLevelController? _logLevel;
    private readonly ILogger<OptionsFollower> _logger;
    private readonly Lock _levelLock = new();
    private string? _appliedLevel;

    public OptionsFollower(RedisBosOptionsSource source, TimeProvider clock, IOptions<OptionsRefreshSettings> settings,
        ILogger<OptionsFollower> logger, LogLevelController? logLevel = null)
    {
        _source = source;
        _clock = clock;
        _interval = settings.Value.Interval;
        _logLevel = logLevel;
        _logger = logger;
        source.Refreshed += ApplyLoggingLevel;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _source.RefreshAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(_interval, _clock, stoppingToken);
            await _source.RefreshAsync();
        }
    }

    private void ApplyLoggingLevel(BosOptions options)
    {
        var level = options.LoggingLevel.ToUpperInvariant();
        if (_logLevel is null || level == _appliedLevel || !LogLevelController.TryParse(level, out var parsed)) return;
        bool changed;
        lock (_levelLock)
        {
            if (level == _appliedLevel) return;
            changed = _logLevel.Level != parsed;
            _logLevel.Apply(level);
            _appliedLevel = level;
        }
        // Warning, so that the change shows whatever the new level is; nothing to say when it was already in force.
        if (changed) _logger.LogWarning("Logging level set to {LoggingLevel} from options", level);
    }
}
