using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Bos.Core.Options;

/// <summary>
/// This process's options, read from the stored record: loaded at start and refreshed periodically by
/// <see cref="OptionsFollower"/>, and at once when this process writes the record. A failed read keeps the last
/// known values (upstream's operators fell back to the defaults instead, Q-21); before the first successful read
/// the defaults apply.
/// </summary>
public sealed class RedisBosOptionsSource : IBosOptionsSource
{
    private readonly OptionsStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<RedisBosOptionsSource> _logger;
    private volatile BosOptions _current = BosOptions.Defaults;
    private volatile bool _failing;

    public RedisBosOptionsSource(OptionsStore store, TimeProvider clock, ILogger<RedisBosOptionsSource> logger)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        store.Written += Update;
    }

    public BosOptions Current => _current;

    /// <summary>When the record was last read or written by this process; null until then (defaults in use).</summary>
    public DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Raised after every successful read or write with the options now current.</summary>
    public event Action<BosOptions>? Refreshed;

    /// <summary>Reads the stored record; on failure logs and keeps the values it had. True when the read succeeded.</summary>
    public async Task<bool> RefreshAsync()
    {
        OptionsReading reading;
        try
        {
            reading = await _store.ReadAsync();
        }
        catch (Exception ex)
        {
            // Warn once per outage, not every refresh.
            if (!_failing) _logger.LogWarning(ex, "Cannot read options; keeping the last known values (loaded at {LoadedAt})", LoadedAt);
            _failing = true;
            return false;
        }
        if (_failing) _logger.LogInformation("Options readable again");
        _failing = false;
        if (reading.Illegal.Count > 0)
            _logger.LogDebug("Stored options {IllegalOptions} are illegal; their defaults apply", reading.Illegal);
        Update(reading.Record);
        return true;
    }

    /// <summary>Takes a record this process has just read or stored (legal values only, see <see cref="OptionsRecord.Effective"/>).</summary>
    public void Update(JsonObject record)
    {
        var next = BosOptions.FromRecord(record);
        var previous = _current;
        _current = next;
        LoadedAt = _clock.GetUtcNow();
        if (next != previous) _logger.LogDebug("Options now {@Options}", next);
        Refreshed?.Invoke(next);
    }
}
