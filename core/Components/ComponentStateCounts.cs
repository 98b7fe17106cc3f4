using System.Globalization;
using Bos.Contracts.Resources;
using Bos.Core.Redis;

namespace Bos.Core.Components;

/// <summary>
/// How many components are in each (phase, status, enabled) state, kept exact without reading the records: every
/// component write records the component's state in "metrics:component-state" (id → state) and moves one count
/// between the fields of "metrics:components" (state → count) in the same script (<see cref="ComponentRepository"/>),
/// so a scrape reads a hash of a few dozen fields whatever the number of components. Records written by an earlier
/// build (no state recorded) are counted once by <see cref="BackfillAsync"/>.
/// </summary>
public sealed class ComponentStateCounts(IRedisStore redis, ComponentRepository components)
{
    /// <summary>Component id → its counted state.</summary>
    public const string StateKey = "metrics:component-state";

    /// <summary>State → how many components are in it.</summary>
    public const string CountsKey = "metrics:components";

    private const string BackfilledKey = "metrics:components:backfilled";
    private const string BackfillLeaseKey = "metrics:components:backfill-lease";

    /// <summary>The counted state of a component: "phase|status|enabled" (status as GET shows it, DM-40).</summary>
    public static string State(Component component) =>
        $"{component.Status?.Phase ?? ""}|{ComponentStatusRule.Compute(component)}|{(component.Enabled == true ? "true" : "false")}";

    /// <summary>The counts by state (states with no component left are omitted).</summary>
    public async Task<IReadOnlyList<(string Phase, string Status, bool Enabled, long Count)>> ReadAsync()
    {
        var counts = await redis.HashGetAllAsync(CountsKey);
        var result = new List<(string, string, bool, long)>(counts.Count);
        foreach (var (state, value) in counts)
        {
            var parts = state.Split('|');
            var count = long.Parse(value, CultureInfo.InvariantCulture);
            if (parts.Length == 3 && count > 0) result.Add((parts[0], parts[1], parts[2] == "true", count));
        }
        return result;
    }

    // Counts a record only if no write counted it meanwhile (a write after the read has recorded its own state) and it
    // still exists (a delete after the read).
    private const string BackfillScript = """
        for i = 1, #ARGV, 2 do
          local id = ARGV[i]
          if redis.call('HEXISTS', KEYS[1], id) == 0 and redis.call('EXISTS', KEYS[3] .. id) == 1 then
            redis.call('HSET', KEYS[1], id, ARGV[i + 1])
            redis.call('HINCRBY', KEYS[2], ARGV[i + 1], 1)
          end
        end
        return 1
        """;

    /// <summary>
    /// Counts the records no write has counted yet (those of an earlier build), once per Redis: a flag marks it done
    /// and a lease keeps concurrent processes from doing it together. Returns whether it ran.
    /// </summary>
    public async Task<bool> BackfillAsync(CancellationToken ct)
    {
        if (await redis.ExistsAsync(BackfilledKey)) return false;
        if (!await redis.SetIfNotExistsAsync(BackfillLeaseKey, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), TimeSpan.FromMinutes(5))) return false;
        var chunk = new List<string>(2000);
        await foreach (var component in components.ReadAllAsync().WithCancellation(ct))
        {
            chunk.Add(component.Id!);
            chunk.Add(State(component));
            if (chunk.Count >= 2000) await Flush(chunk);
        }
        await Flush(chunk);
        await redis.SetAsync(BackfilledKey, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await redis.DeleteAsync(BackfillLeaseKey);
        return true;
    }

    private async Task Flush(List<string> chunk)
    {
        if (chunk.Count == 0) return;
        // The key prefix is added to KEYS only: the record keys are built in the script from the third key.
        await redis.EvaluateAsync(BackfillScript, [StateKey, CountsKey, ComponentRepository.Key("")], chunk);
        chunk.Clear();
    }
}
