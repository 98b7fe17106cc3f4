using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Sessions.Setup;
using FluentAssertions;
using Xunit;
using static Bos.Core.Tests.Sessions.Setup.SetupTestData;

namespace Bos.Core.Tests.Sessions.Setup;

/// <summary>§3.6 target state per boot set and the component patches of session setup.</summary>
public sealed class SessionTargetsTests
{
    private static readonly BootSet SbpsBootSet = new() { Type = "s3", Path = "s3://boot-images/img1/manifest.json", KernelParameters = "quiet", RootfsProvider = "sbps" };

    [Theory]
    [InlineData(null, "tpl", "bs", "bs")]
    [InlineData(true, "tpl", "bs", "bs")]
    [InlineData(null, "tpl", null, "tpl")]
    [InlineData(null, "tpl", "", "tpl")]
    [InlineData(null, null, null, "")]
    [InlineData(false, "tpl", "bs", "")]     // enable_cfs false wins over every configuration
    public void Configuration_is_the_boot_sets_else_the_templates_unless_cfs_is_disabled(bool? enableCfs, string? template, string? bootSet, string expected)
    {
        var t = new SessionTemplate { EnableCfs = enableCfs, Cfs = template is null ? null : new Cfs { Configuration = template } };
        var b = new BootSet { Cfs = bootSet is null ? null : new Cfs { Configuration = bootSet } };
        SessionTargets.Configuration(t, b).Should().Be(expected);
    }

    [Fact]
    public void A_boot_target_takes_kernel_and_initrd_from_the_manifest()
    {
        var template = new SessionTemplate { Cfs = new Cfs { Configuration = "cfg" } };
        var target = SessionTargets.ForBoot("bs", SbpsBootSet, template, Manifest(), ["console=tty0"], "4h");
        target.Configuration.Should().Be("cfg");
        target.Artifacts.Should().Be(new BootArtifacts
        {
            Kernel = "s3://boot-images/img1/kernel",
            Initrd = "s3://boot-images/img1/initrd",
            KernelParameters = "console=tty0 quiet root=sbps-s3:s3://boot-images/img1/rootfs:rootfs-etag " +
                               "nmd_data=url=s3://boot-images/img1/rootfs,etag=rootfs-etag bos_update_frequency=4h",
        });
    }

    [Theory]
    [InlineData(ImageManifest.KernelType)]
    [InlineData(ImageManifest.InitrdType)]
    public void Kernel_and_initrd_are_required(string missing)
    {
        var manifest = Manifest() with { Artifacts = Manifest().Artifacts.Where(a => a.Type != missing).ToList() };
        FluentActions.Invoking(() => SessionTargets.ForBoot("bs", SbpsBootSet, new SessionTemplate(), manifest, [], "4h"))
            .Should().Throw<SessionSetupException>()
            .WithMessage($"ArtifactNotFound: No artifact of type {missing} could be found in the image manifest.");
    }

    [Fact]
    public void Two_kernels_are_an_error()
    {
        var manifest = Manifest() with { Artifacts = [.. Manifest().Artifacts, Artifact(ImageManifest.KernelType, "s3://x/k2", "e")] };
        FluentActions.Invoking(() => SessionTargets.ForBoot("bs", SbpsBootSet, new SessionTemplate(), manifest, [], "4h"))
            .Should().Throw<SessionSetupException>()
            .WithMessage($"TooManyArtifacts: Multiple {ImageManifest.KernelType} artifacts found in the manifest.");
    }

    [Fact]
    public void Image_boot_parameters_are_read_only_when_they_have_an_etag()
    {
        SessionTargets.BootParameters(Manifest(bootParametersEtag: null)).Should().BeNull();
        SessionTargets.BootParameters(Manifest(bootParametersEtag: "bp")).Should().NotBeNull()
            .And.Subject.As<ManifestArtifact>().Link.Path.Should().Be("s3://boot-images/img1/boot_parameters");
    }

    private static readonly BootSetTarget Target = new(new BootArtifacts { Kernel = "k", KernelParameters = "p", Initrd = "i" }, "cfg");

    [Fact]
    public void A_boot_patch_sets_desired_state_session_enabled_and_last_action() =>
        SessionTargets.Patch("x1", Session(), Target).Should().Be(new Component
        {
            Id = "x1", Error = "", Session = "s1", Enabled = true,
            DesiredState = new DesiredState { BootArtifacts = Target.Artifacts, Configuration = "cfg" },
            LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false },
        });

    [Fact]
    public void A_reboot_patch_also_empties_the_actual_state() =>
        SessionTargets.Patch("x1", Session(SessionOperations.Reboot), Target).ActualState.Should().Be(ActualState.Empty);

    [Fact]
    public void A_shutdown_patch_empties_the_desired_state_including_the_bss_token()
    {
        var patch = SessionTargets.Patch("x1", Session(SessionOperations.Shutdown), BootSetTarget.Shutdown);
        patch.DesiredState.Should().Be(DesiredState.Empty);
        patch.DesiredState!.BssToken.Should().Be("");
        patch.ActualState.Should().BeNull();
        patch.Session.Should().Be("s1");
    }

    [Fact]
    public void A_staged_patch_writes_only_the_staged_state_with_the_session() =>
        SessionTargets.Patch("x1", Session(SessionOperations.Reboot, stage: true), Target).Should().Be(new Component
        {
            Id = "x1", Error = "",
            StagedState = new StagedState { BootArtifacts = Target.Artifacts, Configuration = "cfg", Session = "s1" },
        });

    [Fact]
    public void A_staged_shutdown_records_the_session_too() =>  // Q-06 fixed
        SessionTargets.Patch("x1", Session(SessionOperations.Shutdown, stage: true), BootSetTarget.Shutdown).StagedState
            .Should().Be(new StagedState { BootArtifacts = BootArtifacts.Empty, Configuration = "", Session = "s1" });
}
