using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>DM-42: PATCH merge rules.</summary>
public sealed class ComponentMergeTests
{
    private static readonly Component Record = new()
    {
        Id = "x1",
        DesiredState = new DesiredState { BootArtifacts = new BootArtifacts { Kernel = "k", Initrd = "i", KernelParameters = "p" }, Configuration = "c", BssToken = "t" },
        LastAction = new LastAction { Action = "powering_on", Failed = false, LastUpdated = "t1" },
        EventStats = new EventStats { PowerOnAttempts = 1, PowerOffGracefulAttempts = 2, PowerOffForcefulAttempts = 3 },
        Status = new ComponentStatus { Phase = "powering_on", StatusOverride = "" },
        Enabled = true,
        Error = "old",
    };

    [Fact]
    public void Boot_artifacts_merge_per_key_and_other_state_keys_replace()
    {
        var merged = ComponentMerge.Apply(Record, new Component
        {
            DesiredState = new DesiredState { BootArtifacts = new BootArtifacts { Kernel = "k2" }, Configuration = "c2" },
        });
        merged.DesiredState.Should().Be(new DesiredState
        {
            BootArtifacts = new BootArtifacts { Kernel = "k2", Initrd = "i", KernelParameters = "p" }, Configuration = "c2", BssToken = "t",
        });
    }

    [Fact]
    public void Dict_fields_merge_and_scalars_replace_and_id_is_ignored()
    {
        var merged = ComponentMerge.Apply(Record, new Component
        {
            Id = "other", LastAction = new LastAction { Failed = true }, EventStats = new EventStats { PowerOnAttempts = 0 },
            Status = new ComponentStatus { StatusOverride = "failed" }, Enabled = false, Error = "",
        });
        merged.Id.Should().Be("x1");
        merged.LastAction.Should().Be(new LastAction { Action = "powering_on", Failed = true, LastUpdated = "t1" });
        merged.EventStats.Should().Be(new EventStats { PowerOnAttempts = 0, PowerOffGracefulAttempts = 2, PowerOffForcefulAttempts = 3 });
        merged.Status.Should().Be(new ComponentStatus { Phase = "powering_on", StatusOverride = "failed" });
        merged.Enabled.Should().BeFalse();
        merged.Error.Should().Be("");
    }

    [Fact]
    public void A_field_absent_from_the_record_is_set_as_given()
    {
        var staged = new StagedState { Session = "s", Configuration = "c" };
        ComponentMerge.Apply(Record, new Component { StagedState = staged }).StagedState.Should().Be(staged);
    }

    [Fact]
    public void Changes_name_the_fields_that_differ()
    {
        var after = Record with { Error = "new", Status = Record.Status! with { Phase = "" } };
        ComponentChanges.Between(Record, after).Should().Equal("status", "error");
        ComponentChanges.Between(null, Record).Should().Contain("created");
    }
}
