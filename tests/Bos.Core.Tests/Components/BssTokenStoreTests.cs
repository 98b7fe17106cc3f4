using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Json;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>
/// The BSS token store over the real Redis: a token found is answered from memory afterwards (a node's report costs no
/// Redis read for it); a token not found is asked again, since a power-on may record it at any time.
/// </summary>
[NeedsServices]
public sealed class BssTokenStoreTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(BssTokenStoreTests));
    private static readonly BootArtifacts Artifacts = new() { Kernel = "s3://b/k", KernelParameters = "p", Initrd = "s3://b/i", Timestamp = "2026-12-05T00:00:00Z" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_token_found_once_is_answered_without_reading_Redis_again()
    {
        using var writer = new BssTokenStore(_redis.Store);
        using var reader = new BssTokenStore(_redis.Store);
        await writer.RecordAsync("t-found", Artifacts);
        (await reader.LookupAsync(["t-found"])).Should().ContainKey("t-found");

        await _redis.Store.DeleteAsync("bss-token:t-found");

        (await reader.LookupAsync(["t-found", "t-found"]))["t-found"].Should().Be(Artifacts);
    }

    [Fact]
    public async Task A_token_recorded_is_answered_from_memory_by_the_store_that_recorded_it()
    {
        using var store = new BssTokenStore(_redis.Store);
        await store.RecordAsync("t-recorded", Artifacts);

        await _redis.Store.DeleteAsync("bss-token:t-recorded");

        (await store.LookupAsync(["t-recorded"]))["t-recorded"].Should().Be(Artifacts);
    }

    [Fact]
    public async Task A_token_not_found_is_found_once_it_is_recorded()
    {
        using var store = new BssTokenStore(_redis.Store);
        (await store.LookupAsync(["t-late"])).Should().BeEmpty();

        await _redis.Store.SetAsync("bss-token:t-late", BosJson.Serialize(Artifacts));

        (await store.LookupAsync(["t-late", ""]))["t-late"].Should().Be(Artifacts);
    }
}
