using Bos.Contracts.Resources;
using Bos.Core.Sessions.V1;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions.V1;

/// <summary>The v1 status views (V1-04) derived from component records.</summary>
public sealed class V1StatusRuleTests
{
    private const string Image = "s3://boot-images/img-1/";

    private static readonly SessionTemplate Template = new()
    {
        EnableCfs = true,
        BootSets = new Dictionary<string, BootSet>
        {
            ["computes"] = new() { Path = Image + "manifest.json", NodeGroups = ["compute"] },
            ["uans"] = new() { Path = "s3://boot-images/img-2/manifest.json", NodeList = ["x9"] },
        },
    };

    private static Session Session(string status = SessionStatusLabels.Running) =>
        new() { Name = "s1", Status = new SessionStatus { StartTime = "2026-01-01T00:00:00Z", EndTime = status == "complete" ? "2026-01-01T00:10:00Z" : null, Status = status } };

    private static Component Node(string id, string phase = "", string action = "", bool enabled = true, string session = "s1",
        string overrideStatus = "", string error = "") => new()
        {
            Id = id, Session = session, Enabled = enabled, Error = error,
            DesiredState = new DesiredState { BootArtifacts = new BootArtifacts { Kernel = Image + "kernel" } },
            Status = new ComponentStatus { Phase = phase, StatusOverride = overrideStatus },
            LastAction = new LastAction { Action = action, Failed = false },
        };

    private static IReadOnlyList<string> Nodes(V1BootSetStatus status, string phase, string category) =>
        status.Phase(phase)!.Category(category)!.NodeList;

    [Theory]
    [InlineData("boot", "boot,configure")]
    [InlineData("Reboot", "shutdown,boot,configure")]
    [InlineData("shutdown", "shutdown")]
    [InlineData("configure", "configure")]
    public void The_phases_are_those_of_the_v1_operation(string operation, string phases) =>
        V1StatusRule.Phases(operation, Template).Should().Equal(phases.Split(','));

    [Fact]
    public void Configure_is_left_out_when_the_template_disables_cfs() =>
        V1StatusRule.Phases("boot", Template with { EnableCfs = false }).Should().Equal("boot");

    [Fact]
    public void A_node_goes_to_the_boot_set_listing_it_else_to_the_one_booting_its_image()
    {
        V1StatusRule.BootSetOf(Node("x9"), Template).Should().Be("uans");
        V1StatusRule.BootSetOf(Node("x1"), Template).Should().Be("computes");
    }

    [Fact]
    public void Each_node_is_in_the_category_its_component_record_shows()
    {
        var nodes = new[]
        {
            Node("off", phase: "powering_off", action: "powering_off_gracefully"),
            Node("on", phase: "powering_on", action: "powering_on"),
            Node("cfg", phase: "configuring"),
            Node("done", enabled: false),
            Node("bad", action: "powering_on", overrideStatus: "failed", error: "boom"),
            Node("taken", session: "s2"),
        };
        var status = V1StatusRule.BootSet("computes", "reboot", Session(), Template, nodes);

        Nodes(status, "shutdown", "in_progress").Should().Equal("off");
        Nodes(status, "shutdown", "succeeded").Should().Equal("on", "cfg", "done", "bad");
        Nodes(status, "boot", "not_started").Should().Equal("off");
        Nodes(status, "boot", "in_progress").Should().Equal("on");
        Nodes(status, "boot", "failed").Should().Equal("bad");
        Nodes(status, "configure", "in_progress").Should().Equal("cfg");
        Nodes(status, "configure", "succeeded").Should().Equal("done");
        Nodes(status, "configure", "excluded").Should().Equal("taken");
        status.Phase("boot")!.Errors.Should().ContainKey("boom").WhoseValue.Should().Equal("bad");
        status.Metadata.Should().BeEquivalentTo(new V1Metadata { Complete = false, InProgress = true, ErrorCount = 1, StartTime = "2026-01-01T00:00:00Z" });
    }

    [Fact]
    public void A_boot_sessions_power_off_is_part_of_its_boot_phase() =>
        Nodes(V1StatusRule.BootSet("computes", "boot", Session(), Template, [Node("off", phase: "powering_off")]), "boot", "in_progress")
            .Should().Equal("off");

    [Fact]
    public void A_complete_session_shows_every_node_succeeded_and_its_stop_time()
    {
        var session = V1StatusRule.Session("boot", Session("complete"), Template, [Node("x1", enabled: false)]);
        session.BootSets.Should().Equal("computes", "uans");
        session.Metadata.Should().BeEquivalentTo(new V1Metadata
        {
            Complete = true, InProgress = false, ErrorCount = 0, StartTime = "2026-01-01T00:00:00Z", StopTime = "2026-01-01T00:10:00Z",
        });
        var computes = V1StatusRule.BootSet("computes", "boot", Session("complete"), Template, [Node("x1", enabled: false)]);
        Nodes(computes, "boot", "succeeded").Should().Equal("x1");
        computes.Metadata.Complete.Should().BeTrue();
    }

    [Fact]
    public void A_session_that_failed_as_a_whole_counts_its_error_once()
    {
        var failed = Session("complete") with { Status = Session("complete").Status! with { Error = "ProviderNotImplemented: Unsupported rootfs_provider" } };

        V1StatusRule.Session("boot", failed, Template, []).Metadata.ErrorCount.Should().Be(1);
        V1StatusRule.Session("boot", Session("complete"), Template, []).Metadata.ErrorCount.Should().Be(0);
    }
}
