using Bos.Contracts.Resources;
using Bos.Core.Sessions.Setup;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions.Setup;

public sealed class SetupPlanTests
{
    private static readonly Component Compute = new() { Enabled = true, Session = "s", DesiredState = new DesiredState { Configuration = "compute" } };
    private static readonly Component Uan = new() { Enabled = true, Session = "s", DesiredState = new DesiredState { Configuration = "uan" } };

    private static SetupPlan Plan() => new(["x1", "x2", "x3", "x4", "x5"], [0, 1, 0, 0, 1], [("computes", Compute), ("uans", Uan)], []);

    [Fact]
    public void Each_nodes_patch_is_its_boot_sets_patch_with_the_nodes_id()
    {
        var plan = Plan();

        plan.PatchOf(1).Should().Be(Uan with { Id = "x2" });
        plan.PatchOf(2).Should().Be(Compute with { Id = "x3" });
        plan.BootSetOf(1).Should().Be("uans");
        plan.BootSetOf(3).Should().Be("computes");
    }

    [Theory]
    [InlineData(2, new[] { 2, 2, 1 })]
    [InlineData(5, new[] { 5 })]
    [InlineData(10, new[] { 5 })]
    [InlineData(0, new[] { 5 })]
    public void Patches_come_in_chunks_of_the_batch_size_in_the_nodes_order(int size, int[] chunks)
    {
        var plan = Plan();

        var got = plan.PatchChunks(size).ToList();

        got.Select(c => c.Count).Should().Equal(chunks);
        got.SelectMany(c => c).Select(p => p.Id).Should().Equal(plan.Nodes);
        got.SelectMany(c => c).Select(p => p.DesiredState!.Configuration).Should().Equal("compute", "uan", "compute", "compute", "uan");
    }

    [Fact]
    public void A_plan_needs_one_boot_set_per_node()
    {
        var build = () => new SetupPlan(["x1", "x2"], [0], [("computes", Compute)], []);

        build.Should().Throw<ArgumentException>();
    }
}
