using System.Diagnostics;
using StackExchange.Redis;

namespace Bos.Bench;

/// <summary>
/// What the deployment's Redis (127.0.0.1:6379) spends on persistence: its AOF rewrites and RDB snapshots run in
/// forked children, whose CPU is not in the server's own utime/stime (the process the benchmark samples) but in its
/// children's (cutime/cstime, counted once a child is reaped), and each fork makes the server copy every page it then
/// writes (copy-on-write), which shows in the server's own CPU.
/// </summary>
public sealed record RedisPersistenceWork(long AofRewrites, long RdbSaves, double ChildCpuSeconds)
{
    public static async Task<RedisPersistenceWork> ReadAsync(Process? server)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:6379,allowAdmin=true");
        var info = (await redis.GetServers()[0].InfoAsync("persistence")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return new(Count(info, "aof_rewrites"), Count(info, "rdb_saves"), server is null ? 0 : ReadChildCpuSeconds(server));
    }

    public RedisPersistenceWork Since(RedisPersistenceWork before) =>
        new(AofRewrites - before.AofRewrites, RdbSaves - before.RdbSaves, ChildCpuSeconds - before.ChildCpuSeconds);

    private static long Count(Dictionary<string, string> info, string key) => info.TryGetValue(key, out var v) && long.TryParse(v, out var n) ? n : 0;

    // Fields 16 and 17 of /proc/<pid>/stat (after the parenthesised name), in clock ticks (USER_HZ, 100 on Linux).
    private static double ReadChildCpuSeconds(Process server)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{server.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[13]) + long.Parse(fields[14])) / 100.0;
        }
        catch (IOException)
        {
            return 0; // it exited
        }
    }
}
