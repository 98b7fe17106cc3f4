using System.Text.Json.Nodes;
using FluentAssertions;
using Xunit;

namespace Bos.Workers.Tests;

/// <summary>The runtime settings each Bos process ships with (its runtimeconfig.json, copied next to these tests by the project references).</summary>
public sealed class ProcessRuntimeSettingsTests
{
    [Theory]
    [InlineData("Bos.Api")]
    [InlineData("Bos.Workers")]
    [InlineData("Bos.Simulator")]
    public void Idle_thread_pool_threads_block_at_once_instead_of_spinning_for_work(string process) =>
        Setting(process, "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").Should().Be(0);

    [Theory]
    [InlineData("Bos.Api")]
    [InlineData("Bos.Workers")]
    [InlineData("Bos.Simulator")]
    public void Every_process_runs_without_culture_data(string process) =>
        (Property(process, "System.Globalization.Invariant")?.GetValue<bool>()).Should().Be(true);

    [Theory]
    [InlineData("Bos.Api", 7)]
    [InlineData("Bos.Workers", 9)]
    public void The_garbage_collector_compacts_before_it_grows_the_heap(string process, int level) =>
        Setting(process, "System.GC.ConserveMemory").Should().Be(level);

    [Fact]
    public void The_worker_collects_its_whole_heap_without_background_collections() =>
        (Property("Bos.Workers", "System.GC.Concurrent")?.GetValue<bool>()).Should().Be(false);

    [Fact]
    public void The_api_keeps_background_collections_so_requests_never_wait_for_a_full_collection() =>
        (Property("Bos.Api", "System.GC.Concurrent")?.GetValue<bool>() ?? true).Should().BeTrue();

    private static int? Setting(string process, string name) => Property(process, name)?.GetValue<int>();

    private static JsonNode? Property(string process, string name)
    {
        var file = Path.Combine(AppContext.BaseDirectory, process + ".runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(file))!;
        return config["runtimeOptions"]?["configProperties"]?[name];
    }
}
