using Bos.Core.Redis;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Redis;

/// <summary>Our Redis interface against the real Redis: pipelining, Lua, conditional transactions, paging.</summary>
[NeedsServices]
public sealed class RedisStoreTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(RedisStoreTests));
    private IRedisStore Store => _redis.Store;

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Batch_sends_queued_writes_in_one_pipeline_and_GetMany_reads_them_back_in_order()
    {
        var batch = Store.CreateBatch();
        var writes = Enumerable.Range(0, 2500).Select(i => batch.SetAsync($"k{i}", $"v{i}")).ToList();
        await batch.ExecuteAsync();
        await Task.WhenAll(writes);

        var keys = Enumerable.Range(0, 2500).Select(i => $"k{i}").Append("missing").ToList();
        var values = await Store.GetManyAsync(keys);

        values.Should().HaveCount(2501);
        values[0].Should().Be("v0");
        values[2499].Should().Be("v2499");
        values[2500].Should().BeNull();
    }

    [Fact]
    public async Task GetJson_reads_a_stored_document_from_its_UTF8_bytes_and_null_for_a_missing_key()
    {
        await Store.SetAsync("doc", """{"id":"x1c0s0b0n0","enabled":true,"error":"Fehler: Knoten ü"}""");

        var component = await Store.GetJsonAsync<Bos.Contracts.Resources.Component>("doc");
        var missing = await Store.GetJsonAsync<Bos.Contracts.Resources.Component>("absent");

        component!.Id.Should().Be("x1c0s0b0n0");
        component.Enabled.Should().BeTrue();
        component.Error.Should().Be("Fehler: Knoten ü");
        missing.Should().BeNull();
    }

    [Fact]
    public async Task GetManyJson_reads_documents_across_chunks_in_key_order_with_null_where_missing()
    {
        var batch = Store.CreateBatch();
        var writes = Enumerable.Range(0, 2500).Select(i => batch.SetAsync($"c{i}", $$"""{"id":"n{{i}}","error":"ü{{i}}"}""")).ToList();
        await batch.ExecuteAsync();
        await Task.WhenAll(writes);

        var keys = Enumerable.Range(0, 2500).Select(i => $"c{i}").Append("missing").ToList();
        var records = await Store.GetManyJsonAsync<Bos.Contracts.Resources.Component>(keys);

        records.Should().HaveCount(2501);
        records[0]!.Id.Should().Be("n0");
        records[2499]!.Error.Should().Be("ü2499");
        records[2500].Should().BeNull();
    }

    [Fact]
    public async Task GetManyUtf8_reads_values_as_their_stored_bytes_across_chunks_in_key_order_with_null_where_missing()
    {
        var batch = Store.CreateBatch();
        var writes = Enumerable.Range(0, 2500).Select(i => batch.SetAsync($"u{i}", $"ü{i}")).ToList();
        await batch.ExecuteAsync();
        await Task.WhenAll(writes);

        var keys = Enumerable.Range(0, 2500).Select(i => $"u{i}").Append("missing").ToList();
        var values = await Store.GetManyUtf8Async(keys);

        values.Should().HaveCount(2501);
        values[0].Should().Equal(System.Text.Encoding.UTF8.GetBytes("ü0"));
        values[2499].Should().Equal(System.Text.Encoding.UTF8.GetBytes("ü2499"));
        values[2500].Should().BeNull();
    }

    [Fact]
    public async Task A_script_gets_byte_arguments_as_they_are_and_text_arguments_as_UTF8()
    {
        byte[] notText = [0xFF, 0x00, 0x41];

        var result = await Store.EvaluateWithBytesAsync(
            "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[2]); return {#ARGV[1], #ARGV[2], #ARGV[3]}",
            ["bytes", "text"], [notText, "ü", Array.Empty<byte>()]);

        result.Items!.Select(i => i.AsInteger()).Should().Equal(3, 2, 0);
        var stored = await Store.GetManyUtf8Async(["bytes", "text"]);
        stored[0].Should().Equal(notText);
        stored[1].Should().Equal(0xC3, 0xBC);
    }

    [Fact]
    public async Task GetJson_refuses_a_value_that_is_not_JSON_like_the_string_read_did()
    {
        await Store.SetAsync("doc", "not json");

        var read = () => Store.GetJsonAsync<Bos.Contracts.Resources.Component>("doc");

        await read.Should().ThrowAsync<System.Text.Json.JsonException>();
    }

    [Fact]
    public async Task Keys_are_prefixed_so_a_second_prefix_sees_nothing()
    {
        await Store.SetAsync("shared-name", "mine");
        await using var other = new IsolatedRedis("other");
        (await other.Store.GetAsync("shared-name")).Should().BeNull();
        (await Store.GetAsync("shared-name")).Should().Be("mine");
    }

    [Fact]
    public async Task Lua_script_runs_atomically_with_prefixed_keys_and_returns_arrays()
    {
        await Store.SetAsync("counter", "41");
        var result = await Store.EvaluateAsync(
            "local v = redis.call('INCR', KEYS[1]); return {v, ARGV[1], false}", ["counter"], ["hello"]);

        result.Items.Should().HaveCount(3);
        result.Items![0].AsInteger().Should().Be(42);
        result.Items[1].Text.Should().Be("hello");
        result.Items[2].IsNull.Should().BeTrue();
        (await Store.GetAsync("counter")).Should().Be("42");
    }

    [Fact]
    public async Task Transaction_applies_all_writes_when_its_condition_holds_and_none_when_it_fails()
    {
        await Store.SetAsync("record", "v1");

        var ok = Store.CreateTransaction();
        ok.AddCondition(RedisCondition.KeyEquals("record", "v1"));
        _ = ok.SetAsync("record", "v2");
        _ = ok.ListRightPushAsync("outbox", "changed to v2");
        (await ok.ExecuteAsync()).Should().BeTrue();

        var stale = Store.CreateTransaction();
        stale.AddCondition(RedisCondition.KeyEquals("record", "v1"));
        _ = stale.SetAsync("record", "v3");
        _ = stale.ListRightPushAsync("outbox", "changed to v3");
        (await stale.ExecuteAsync()).Should().BeFalse();

        (await Store.GetAsync("record")).Should().Be("v2");
        (await Store.ListRangeAsync("outbox", 0, -1)).Should().Equal("changed to v2");
    }

    [Fact]
    public async Task Transaction_conditions_on_absent_keys_and_hash_fields()
    {
        var create = Store.CreateTransaction();
        create.AddCondition(RedisCondition.KeyNotExists("new"));
        create.AddCondition(RedisCondition.HashNotExists("h", "f"));
        _ = create.SetAsync("new", "1");
        _ = create.HashSetAsync("h", "f", "a");
        (await create.ExecuteAsync()).Should().BeTrue();

        var again = Store.CreateTransaction();
        again.AddCondition(RedisCondition.KeyNotExists("new"));
        _ = again.SetAsync("new", "2");
        (await again.ExecuteAsync()).Should().BeFalse();

        var hash = Store.CreateTransaction();
        hash.AddCondition(RedisCondition.HashEquals("h", "f", "a"));
        _ = hash.HashSetAsync("h", "f", "b");
        (await hash.ExecuteAsync()).Should().BeTrue();
        (await Store.HashGetAsync("h", "f")).Should().Be("b");
    }

    [Fact]
    public async Task Lexicographic_sorted_set_pages_after_a_member_without_reading_all()
    {
        foreach (var id in new[] { "x1", "x3", "x2", "x10" }) await Store.SortedSetAddAsync("ids", id, 0);

        (await Store.SortedSetRangeByLexAsync("ids", null, 2)).Should().Equal("x1", "x10");
        (await Store.SortedSetRangeByLexAsync("ids", "x10", 2)).Should().Equal("x2", "x3");
        (await Store.SortedSetRangeByLexAsync("ids", "x3")).Should().BeEmpty();
    }

    [Fact]
    public async Task Scan_yields_keys_without_the_prefix()
    {
        await Store.SetAsync("scan:a", "1");
        await Store.SetAsync("scan:b", "1");
        var keys = new List<string>();
        await foreach (var key in Store.ScanKeysAsync("scan:*")) keys.Add(key);
        keys.Should().BeEquivalentTo("scan:a", "scan:b");
    }

    [Fact]
    public async Task Sorted_set_by_score_and_hash_round_trip()
    {
        await Store.SortedSetAddAsync("due", "late", 20);
        await Store.SortedSetAddAsync("due", "early", 10);
        await Store.HashSetAsync("entries", "early", "{}");

        (await Store.SortedSetRangeByScoreAsync("due", 0, 15)).Should().Equal("early");
        (await Store.SortedSetLengthAsync("due")).Should().Be(2);
        (await Store.HashGetAllAsync("entries")).Should().ContainKey("early");
        (await Store.HashDeleteAsync("entries", "early")).Should().BeTrue();
        (await Store.SortedSetRemoveAsync("due", "early")).Should().BeTrue();
    }

    [Fact]
    public async Task HashGetMany_reads_fields_across_chunks_in_the_order_asked_with_null_where_missing()
    {
        var batch = Store.CreateBatch();
        var writes = Enumerable.Range(0, 2500).Select(i => batch.HashSetAsync("engine", $"f{i}", $"v{i}")).ToList();
        await batch.ExecuteAsync();
        await Task.WhenAll(writes);

        // Reversed, so an answer in chunk order but not field order would show; the read chunk is 1,000 fields.
        var fields = Enumerable.Range(0, 2500).Reverse().Select(i => $"f{i}").Prepend("missing").ToList();
        var values = await Store.HashGetManyAsync("engine", fields);

        values.Should().HaveCount(2501);
        values[0].Should().BeNull();
        values[1].Should().Be("v2499");
        values[1500].Should().Be("v1000");
        values[2500].Should().Be("v0");
        (await Store.HashGetManyAsync("engine", [])).Should().BeEmpty();
        (await Store.HashGetManyAsync("no-such-hash", ["f1"])).Should().Equal([null]);
    }
}
