namespace Bos.Bench;

/// <summary>
/// How many methods the API's and the workers' runtimes have JIT-compiled so far (their `/metrics`,
/// dotnet_jit_compiled_methods_total): a process keeps compiling its hot methods again, optimized, for a while after
/// its first work (tiered compilation), so "warm" means this count grows little from one session to the next.
/// </summary>
public static class CompiledMethods
{
    private const string Counter = "dotnet_jit_compiled_methods_total";

    /// <summary>The sum over the API and every worker; null when a process serves no such counter (telemetry off).</summary>
    public static async Task<long?> CountAsync(ClusterProcesses cluster)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        long total = 0;
        foreach (var url in cluster.WorkerUrls.Prepend(cluster.Api))
        {
            try
            {
                var scrape = new Bos.Testing.PrometheusScrape(await http.GetStringAsync(new Uri(url, "/metrics")));
                if (!scrape.Has(Counter)) return null;
                total += (long)scrape.Sum(Counter);
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }
        return total;
    }
}
