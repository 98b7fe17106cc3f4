using Bos.Contracts.Resources;
using Bos.Core.Templates;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Templates;

/// <summary>DM-62: PATCH merge of a session template.</summary>
public sealed class TemplateMergeTests
{
    private static readonly SessionTemplate Stored = new()
    {
        Name = "tpl",
        Tenant = "t1",
        Description = "old",
        EnableCfs = true,
        Cfs = new Cfs { Configuration = "cfg-old" },
        BootSets = new Dictionary<string, BootSet>
        {
            ["compute"] = new() { Path = "s3://b/i/manifest.json", Type = "s3", NodeList = ["x1"], Arch = "ARM", KernelParameters = "k1", Cfs = new Cfs { Configuration = "bs-old" } },
            ["uan"] = new() { Path = "s3://b/u/manifest.json", Type = "s3", NodeGroups = ["uan"], Arch = "X86" },
        },
    };

    [Fact]
    public void Given_keys_replace_cfs_merges_boot_sets_merge_by_name_and_others_stay()
    {
        var patch = new SessionTemplate
        {
            Description = "new",
            BootSets = new Dictionary<string, BootSet>
            {
                ["compute"] = new() { Path = "s3://b/j/manifest.json", Type = "s3", KernelParameters = "k2", Cfs = new Cfs() },
                ["gpu"] = new() { Path = "s3://b/g/manifest.json", Type = "s3", NodeRolesGroups = ["Compute"] },
            },
        };

        var merged = TemplateMerge.Apply(Stored, patch);

        merged.Name.Should().Be("tpl");
        merged.Tenant.Should().Be("t1");
        merged.Description.Should().Be("new");
        merged.EnableCfs.Should().BeTrue();
        merged.Cfs!.Configuration.Should().Be("cfg-old");
        merged.BootSets!.Keys.Should().Equal("compute", "uan", "gpu");
        var compute = merged.BootSets["compute"];
        compute.Path.Should().Be("s3://b/j/manifest.json");
        compute.KernelParameters.Should().Be("k2");
        compute.NodeList.Should().Equal("x1");
        compute.Arch.Should().Be("ARM");
        compute.Cfs!.Configuration.Should().Be("bs-old"); // an empty cfs patch merges nothing
        merged.BootSets["uan"].Should().Be(Stored.BootSets!["uan"]);
        merged.BootSets["gpu"].NodeRolesGroups.Should().Equal("Compute");
    }

    [Fact]
    public void Top_level_cfs_merges_key_by_key_and_absent_keys_change_nothing()
    {
        TemplateMerge.Apply(Stored, new SessionTemplate { Cfs = new Cfs { Configuration = "cfg-new" } }).Cfs!.Configuration.Should().Be("cfg-new");
        var unchanged = TemplateMerge.Apply(Stored, new SessionTemplate());
        unchanged.Should().BeEquivalentTo(Stored);
    }
}
