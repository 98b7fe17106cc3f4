using Bos.Contracts.Resources;
using Bos.Core.Tenancy;
using Bos.Migrate.Report;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Migrate.Tests.Own;

/// <summary>`migrate` on Bos's own data (docs/storage.md layout), against the real Redis.</summary>
[NeedsServices]
public sealed class OwnDataMigrationTests : IAsyncLifetime
{
    private const string Path = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";
    private readonly MigrationHarness _bos = new(nameof(OwnDataMigrationTests));

    private static string Template(string name, string extra = "", string? tenant = null) =>
        $"{{\"name\":\"{name}\",\"tenant\":{(tenant is null ? "null" : $"\"{tenant}\"")},{extra}\"boot_sets\":" +
        $"{{\"bs\":{{\"path\":\"{Path}\",\"type\":\"s3\",\"arch\":\"X86\",\"node_list\":[\"x1\"]}}}}}}";

    public async Task InitializeAsync()
    {
        // A valid template and session, listed in their indexes.
        await Put("template:", "templates", TenantKey.For(null, "good"), Template("good"));
        await Put("session:", "sessions", TenantKey.For("t1", "s1"), """{"name":"s1","tenant":"t1","operation":"boot","template_name":"good","status":{"status":"complete"}}""");
        // A template with v1 leftovers, one with an illegal name, one without boot sets.
        await Put("template:", "templates", TenantKey.For(null, "old"), Template("old", "\"partition\":\"p\","));
        await Put("template:", "templates", TenantKey.For("t1", "my template"), Template("my template", tenant: "t1"));
        await Put("template:", "templates", TenantKey.For(null, "empty"), """{"name":"empty","boot_sets":{}}""");
        // A session stored under another name's key, with its status; a status whose session is gone.
        await Put("session:", "sessions", TenantKey.For(null, "other"), """{"name":"s2","tenant":null}""");
        await _bos.SetAsync("session-status:" + TenantKey.For(null, "other"), "{}");
        await _bos.SetAsync("session-status:" + TenantKey.For(null, "gone"), "{}");
        // Components: a good one missing from the index, one whose id is not its key; an index entry without record.
        await _bos.SetAsync("component:x1", """{"id":"x1","enabled":false}""");
        await Put("component:", "components", "x2", """{"id":"x9"}""");
        await _bos.Store.SortedSetAddAsync("components", "x3", 0);
    }

    public async Task DisposeAsync() => await _bos.DisposeAsync();

    private async Task Put(string prefix, string index, string key, string json)
    {
        await _bos.SetAsync(prefix + key, json);
        await _bos.Store.SortedSetAddAsync(index, key, 0);
    }

    [Fact]
    public async Task A_dry_run_reports_every_repair_and_writes_nothing()
    {
        var before = await _bos.SnapshotAsync();
        var (code, report) = await _bos.RunAsync(new MigrationSettings { DryRun = true });

        code.Should().Be(ExitCodes.Done);
        (await _bos.SnapshotAsync()).Should().BeEquivalentTo(before);
        report!.Count("templates", RecordOutcome.Repaired).Should().Be(2);
        report.Count("templates", RecordOutcome.Rejected).Should().Be(1);
        report.Count("sessions", RecordOutcome.Rejected).Should().Be(1);
        report.Count("components", RecordOutcome.Rejected).Should().Be(1);
    }

    [Fact]
    public async Task The_migration_repairs_renames_deletes_and_makes_the_indexes_consistent_then_changes_nothing_more()
    {
        var (code, report) = await _bos.RunAsync(new MigrationSettings());
        code.Should().Be(ExitCodes.Done);
        report!.Details.Should().Contain(d => d.Contains("unknown field 'partition' dropped"))
            .And.Contain(d => d.Contains("'boot_sets' field value is empty"));

        (await _bos.GetAsync<SessionTemplate>("template:" + TenantKey.For(null, "old"))).Should().NotBeNull();
        (await _bos.Store.GetAsync("template:" + TenantKey.For(null, "old"))).Should().NotContain("partition");
        (await _bos.Store.ExistsAsync("template:" + TenantKey.For("t1", "my template"))).Should().BeFalse();
        var renamed = await _bos.GetAsync<SessionTemplate>("template:" + TenantKey.For("t1", "auto_renamed_my_template"));
        renamed!.Description.Should().Be("Former name: my template");
        renamed.Tenant.Should().Be("t1");
        (await _bos.Store.ExistsAsync("template:" + TenantKey.For(null, "empty"))).Should().BeFalse();
        (await _bos.Store.SortedSetRangeByLexAsync("templates", null)).Should().BeEquivalentTo(
            TenantKey.For(null, "good"), TenantKey.For(null, "old"), TenantKey.For("t1", "auto_renamed_my_template"));

        (await _bos.Store.ExistsAsync("session:" + TenantKey.For(null, "other"))).Should().BeFalse();
        (await _bos.Store.ExistsAsync("session-status:" + TenantKey.For(null, "other"))).Should().BeFalse();
        (await _bos.Store.ExistsAsync("session-status:" + TenantKey.For(null, "gone"))).Should().BeFalse();
        (await _bos.Store.SortedSetRangeByLexAsync("sessions", null)).Should().Equal(TenantKey.For("t1", "s1"));
        (await _bos.Store.SortedSetRangeByLexAsync("components", null)).Should().Equal("x1");

        var again = await _bos.SnapshotAsync();
        var (_, second) = await _bos.RunAsync(new MigrationSettings());
        second!.Total(RecordOutcome.Repaired).Should().Be(0);
        second.Total(RecordOutcome.Rejected).Should().Be(0);
        (await _bos.SnapshotAsync()).Should().BeEquivalentTo(again, "a second run finds nothing to change");
    }

    [Fact]
    public async Task An_unreachable_redis_exits_2_after_the_bounded_wait()
    {
        var code = await Program.Main(["--Redis:Configuration=127.0.0.1:1,connectTimeout=200", "--Startup:DependencyAttempts=1", "--Logging:Level=ERROR"]);
        code.Should().Be(ExitCodes.Unreachable);
    }
}
