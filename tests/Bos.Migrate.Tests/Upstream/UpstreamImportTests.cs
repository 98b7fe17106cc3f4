using System.Text.Json.Nodes;
using Bos.Contracts.Resources;
using Bos.Core.Tenancy;
using Bos.Migrate.Report;
using Bos.Testing;
using Bos.Testing.Upstream;
using FluentAssertions;
using Xunit;

namespace Bos.Migrate.Tests.Upstream;

/// <summary>
/// `migrate --from-upstream` against a real redis-server holding the fixture (tests/Bos.Testing/Upstream: upstream's
/// key and value format, tenant-aware keys, naive timestamps).
/// </summary>
[NeedsServices]
public sealed class UpstreamImportTests : IAsyncLifetime
{
    private readonly MigrationHarness _bos = new(nameof(UpstreamImportTests));
    private UpstreamBosServer _upstream = null!;

    public async Task InitializeAsync() => _upstream = await UpstreamBosServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _upstream.DisposeAsync();
        await _bos.DisposeAsync();
    }

    private Task<(int Code, MigrationReport? Report)> Import(bool dryRun = false) =>
        _bos.RunAsync(new MigrationSettings { FromUpstream = _upstream.Url, DryRun = dryRun });

    [Fact]
    public async Task The_import_reports_what_it_imported_repaired_and_rejected_and_reads_upstream_only()
    {
        var upstreamBefore = await _upstream.SnapshotAsync();
        var (code, report) = await Import();

        code.Should().Be(ExitCodes.Done);
        (await _upstream.SnapshotAsync()).Should().BeEquivalentTo(upstreamBefore, "the upstream database is only read");
        report!.Count("options", RecordOutcome.Repaired).Should().Be(1);
        report.Count("templates", RecordOutcome.Imported).Should().Be(2);
        report.Count("templates", RecordOutcome.Repaired).Should().Be(1);
        report.Count("templates", RecordOutcome.Rejected).Should().Be(2);
        report.Count("sessions", RecordOutcome.Imported).Should().Be(2);
        report.Count("sessions", RecordOutcome.Rejected).Should().Be(1);
        report.Count("session statuses", RecordOutcome.Imported).Should().Be(1);
        report.Count("session statuses", RecordOutcome.Rejected).Should().Be(1);
        report.Count("components", RecordOutcome.Imported).Should().Be(6);
        report.Count("components", RecordOutcome.Rejected).Should().Be(1);
        report.Count("bss tokens", RecordOutcome.Imported).Should().Be(4);
        report.Details.Should().Contain(d => d.Contains("'legacy v1'") || d.Contains("auto_renamed_legacy_v1"))
            .And.Contain(d => d.Contains("Boot set 'b': Missing required 'path' field"))
            .And.Contain(d => d.Contains("unknown option 'disable_components_on_completion' dropped"))
            .And.Contain(d => d.Contains("illegal value of 'component_actual_state_ttl' replaced by its default"));
    }

    [Fact]
    public async Task Names_tenants_timestamps_and_component_states_are_kept()
    {
        await Import();

        var uan = await _bos.GetAsync<SessionTemplate>("template:" + TenantKey.For("vcluster-blue", "uan"));
        uan!.Tenant.Should().Be("vcluster-blue");
        uan.BootSets!["uan"].NodeGroups.Should().Equal("blue");
        var legacy = await _bos.GetAsync<SessionTemplate>("template:" + TenantKey.For(null, "auto_renamed_legacy_v1"));
        legacy!.Description.Should().Be("Former name: legacy v1");
        legacy.BootSets!["computes"].Should().BeEquivalentTo(new BootSet
        {
            Path = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json", Type = "s3", Arch = "X86", NodeGroups = ["green"],
        });
        (await _bos.Store.SortedSetRangeByLexAsync("templates", null)).Should().HaveCount(3);

        var done = await _bos.GetAsync<Session>("session:" + TenantKey.For(null, "boot-compute-1"));
        done!.Status.Should().BeEquivalentTo(new SessionStatus { StartTime = "2026-02-06T19:49:48", EndTime = "2026-02-06T20:01:02", Status = "complete" });
        var status = JsonNode.Parse((await _bos.Store.GetAsync("session-status:" + TenantKey.For(null, "boot-compute-1")))!)!;
        status["timing"]!["duration"]!.GetValue<string>().Should().Be("0:11:14");
        (await _bos.GetAsync<Session>("session:" + TenantKey.For(null, "reboot-running")))!.Status!.Status.Should().Be("running");

        var running = await _bos.GetAsync<Component>("component:x3000c0s5b0n0");
        running!.Enabled.Should().BeTrue();
        running.Session.Should().Be("reboot-running");
        running.Status!.Phase.Should().Be("powering_on");
        running.RetryPolicy.Should().Be(5);
        running.LastAction!.LastUpdated.Should().Be("2026-02-07T08:00:20");
        running.DesiredState!.BootArtifacts!.Kernel.Should().EndWith("/kernel");
        (await _bos.Store.SortedSetRangeByLexAsync("components", null)).Should().HaveCount(6).And.NotContain("x3000c0s7b0n0");
        (await _bos.Store.GetAsync("bss-token:token-x3000c0s1b0n0")).Should().Contain("2026-02-06T19:50:10");

        var options = JsonNode.Parse((await _bos.Store.GetAsync("options"))!)!.AsObject();
        options.ContainsKey("disable_components_on_completion").Should().BeFalse();
        options["component_actual_state_ttl"]!.GetValue<string>().Should().Be("4h");
    }

    [Fact]
    public async Task A_dry_run_writes_nothing_and_a_second_import_changes_nothing()
    {
        var (_, dry) = await Import(dryRun: true);
        dry!.Count("components", RecordOutcome.Imported).Should().Be(6);
        (await _bos.SnapshotAsync()).Should().BeEmpty();

        await Import();
        var after = await _bos.SnapshotAsync();
        var (_, second) = await Import();
        second!.Total(RecordOutcome.Imported).Should().Be(0);
        second.Total(RecordOutcome.Repaired).Should().Be(0);
        second.Count("components", RecordOutcome.Unchanged).Should().Be(6);
        (await _bos.SnapshotAsync()).Should().BeEquivalentTo(after);
    }

    [Fact]
    public async Task An_unreachable_upstream_exits_2()
    {
        var (code, _) = await _bos.RunAsync(new MigrationSettings { FromUpstream = "redis://127.0.0.1:1" }, ("Startup:DependencyAttempts", "1"));
        code.Should().Be(ExitCodes.Unreachable);
    }
}
