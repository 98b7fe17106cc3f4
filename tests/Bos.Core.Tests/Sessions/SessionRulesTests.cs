using System.Text.Json.Nodes;
using Bos.Contracts.Resources;
using Bos.Core.Sessions;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions;

/// <summary>API-33 (limit NIDs), API-34 (selection) and API-37 (PATCH merge) rules.</summary>
public sealed class SessionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 6, 12, 0, 0, TimeSpan.Zero);

    private static Session At(string name, string? start, string status = "pending", string? tenant = null) =>
        new() { Name = name, Tenant = tenant, Status = new SessionStatus { StartTime = start, Status = status } };

    [Theory]
    [InlineData("nid001", true)]
    [InlineData("x1,&nid002", true)]
    [InlineData("x1,!&nid3", true)]
    [InlineData("Nid001", false)]
    [InlineData("group-nid", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Limit_items_starting_with_nid_after_prefixes_are_NIDs(string? limit, bool hasNids) =>
        SessionLimit.HasNids(limit).Should().Be(hasNids);

    [Fact]
    public void Age_filters_keep_sessions_started_at_or_before_or_after_now_minus_the_age()
    {
        Session[] sessions = [At("old", "2026-02-05T12:00:00Z"), At("edge", "2026-02-06T11:00:00Z"), At("new", "2026-02-06T11:59:00Z"), At("none", null)];

        new SessionFilter(null, "1h", null, null).Apply(sessions, Now).Select(s => s.Name).Should().Equal("old", "edge");
        new SessionFilter(null, null, "1h", null).Apply(sessions, Now).Select(s => s.Name).Should().Equal("edge", "new");
        new SessionFilter(null, "1h", "2d", null).Apply(sessions, Now).Select(s => s.Name).Should().Equal("old", "edge");
        new SessionFilter(null, "0", null, null).Apply(sessions, Now).Select(s => s.Name).Should().Equal("old", "edge", "new");
    }

    [Fact]
    public void Tenant_and_status_filters_are_equalities_and_no_criterion_keeps_everything()
    {
        Session[] sessions = [At("a", "2026-02-06T11:00:00Z", "complete"), At("b", null, "running", "t1"), At("c", null, "complete", "t1")];

        new SessionFilter(null, null, null, null).Apply(sessions, Now).Should().HaveCount(3);
        new SessionFilter("t1", null, null, null).Apply(sessions, Now).Select(s => s.Name).Should().Equal("b", "c");
        new SessionFilter(null, null, null, "complete").Apply(sessions, Now).Select(s => s.Name).Should().Equal("a", "c");
        new SessionFilter("t1", null, null, "complete").Apply(sessions, Now).Select(s => s.Name).Should().Equal("c");
    }

    [Fact]
    public void Patch_merges_status_keys_replaces_components_and_ignores_the_rest()
    {
        var record = At("s", "2026-02-06T11:00:00Z") with { Components = "x1", Operation = "boot" };
        var patch = JsonNode.Parse("""{"status":{"status":"complete","end_time":"2026-02-06T11:30:00Z","error":"boom"},"components":"x1,x2"}""")!.AsObject();

        var merged = SessionMerge.Apply(record, patch);

        merged.Status.Should().Be(new SessionStatus { StartTime = "2026-02-06T11:00:00Z", EndTime = "2026-02-06T11:30:00Z", Status = "complete", Error = "boom" });
        merged.Components.Should().Be("x1,x2");
        merged.Operation.Should().Be("boot");

        var cleared = SessionMerge.Apply(merged, JsonNode.Parse("""{"status":{"error":null}}""")!.AsObject());
        cleared.Status!.Error.Should().BeNull();
        cleared.Status.Status.Should().Be("complete");
        cleared.Components.Should().Be("x1,x2");
    }
}
