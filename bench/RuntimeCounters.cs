namespace Bos.Bench;

/// <summary>
/// What the API's and the workers' runtimes count on their `/metrics`, read before and after a session:
/// <list type="bullet">
/// <item>methods JIT-compiled (dotnet_jit_compiled_methods_total): a process keeps compiling its hot methods again,
/// optimized, for a while after its first work (tiered compilation), so "warm" means this count grows little from one
/// session to the next;</item>
/// <item>bytes allocated on the GC heap (dotnet_gc_heap_total_allocated_bytes_total), per part: garbage costs
/// collections and heap growth, and a change that allocates less shows here even where its CPU is inside the spread.</item>
/// </list>
/// </summary>
public sealed record RuntimeCounters(long CompiledMethods, double ApiAllocatedBytes, double WorkerAllocatedBytes)
{
    private const string Compiled = "dotnet_jit_compiled_methods_total", Allocated = "dotnet_gc_heap_total_allocated_bytes_total";

    /// <summary>The counters now (workers summed); null when a process serves none (telemetry off).</summary>
    public static async Task<RuntimeCounters?> ReadAsync(ClusterProcesses cluster)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var api = await ScrapeAsync(http, cluster.Api);
            var workers = new List<Bos.Testing.PrometheusScrape>();
            foreach (var url in cluster.WorkerUrls) workers.Add(await ScrapeAsync(http, url));
            if (!api.Has(Compiled) || workers.Any(w => !w.Has(Compiled))) return null;
            return new RuntimeCounters((long)(api.Sum(Compiled) + workers.Sum(w => w.Sum(Compiled))), api.Sum(Allocated), workers.Sum(w => w.Sum(Allocated)));
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>What was counted between <paramref name="before"/> and this reading.</summary>
    public RuntimeCounters Since(RuntimeCounters before) =>
        new(CompiledMethods - before.CompiledMethods, ApiAllocatedBytes - before.ApiAllocatedBytes, WorkerAllocatedBytes - before.WorkerAllocatedBytes);

    private static async Task<Bos.Testing.PrometheusScrape> ScrapeAsync(HttpClient http, Uri url) =>
        new(await http.GetStringAsync(new Uri(url, "/metrics")));
}
