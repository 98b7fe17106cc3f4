using System.Text.Json.Nodes;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Json;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

public sealed class DiscoveryRuleTests
{
    [Fact]
    public void New_nodes_are_hsm_nodes_that_are_not_components()
    {
        HsmComponent[] hsm =
        [
            new() { Id = "x3", Type = "Node" }, new() { Id = "x1", Type = "Node" }, new() { Id = "x2", Type = "Node" },
            new() { Id = "x1", Type = "Node" }, new() { Id = "x9c0", Type = "Chassis" }, new() { Id = "x4b0", Type = "NodeBMC" },
        ];
        DiscoveryRule.NewNodes(hsm, new HashSet<string> { "x2" }).Should().Equal("x1", "x3");
    }

    [Fact]
    public void The_new_record_is_upstreams() =>
        JsonNode.DeepEquals(JsonNode.Parse(BosJson.Serialize(DiscoveryRule.NewRecord("x1"))), JsonNode.Parse("""
            {"id":"x1","actual_state":{"boot_artifacts":{"kernel":"","kernel_parameters":"","initrd":""},"bss_token":""},
             "desired_state":{"boot_artifacts":{"kernel":"","kernel_parameters":"","initrd":""},"configuration":"","bss_token":""},
             "staged_state":{},"last_action":{"action":"newly_discovered","failed":false},"enabled":false,"error":"","session":""}
            """)).Should().BeTrue();
}
