using System.Text;
using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Sessions.Setup;
using FluentAssertions;
using Xunit;
using static Bos.Core.Tests.Sessions.Setup.SetupTestData;

namespace Bos.Core.Tests.Sessions.Setup;

/// <summary>§3.6 kernel parameter assembly: image, boot set, root=, nmd_data=, bos_update_frequency=.</summary>
public sealed class KernelParametersTests
{
    private static readonly ManifestArtifact Rootfs = Artifact(ImageManifest.RootfsType, "s3://boot-images/i1/rootfs", "e1");

    private static string Assemble(BootSet bootSet, IReadOnlyList<string>? image = null, ManifestArtifact? rootfs = null, string ttl = "4h") =>
        KernelParameters.Assemble(image ?? [], "bs", bootSet, rootfs, ttl);

    [Fact]
    public void Upstream_example_with_sbps()
    {
        var bootSet = new BootSet { KernelParameters = "console=ttyS0,115200 ip=dhcp spire_join_token=${SPIRE_JOIN_TOKEN}", RootfsProvider = "sbps" };
        Assemble(bootSet, rootfs: Rootfs).Should().Be(
            "console=ttyS0,115200 ip=dhcp spire_join_token=${SPIRE_JOIN_TOKEN} root=sbps-s3:s3://boot-images/i1/rootfs:e1 " +
            "nmd_data=url=s3://boot-images/i1/rootfs,etag=e1 bos_update_frequency=4h");
    }

    [Fact]
    public void Image_parameters_come_first_then_the_boot_set_parameters()
    {
        var bootSet = new BootSet { KernelParameters = "quiet", RootfsProvider = "sbps", RootfsProviderPassthrough = "sbps:v1:iqn:300" };
        Assemble(bootSet, ["console=tty0", "crashkernel=360M"], Rootfs, "2d").Should().Be(
            "console=tty0 crashkernel=360M quiet root=sbps-s3:s3://boot-images/i1/rootfs:e1:sbps:v1:iqn:300 " +
            "nmd_data=url=s3://boot-images/i1/rootfs,etag=e1 bos_update_frequency=2d");
    }

    [Theory]
    [InlineData(null, null, "bos_update_frequency=4h")]
    [InlineData("", "", "bos_update_frequency=4h")]
    [InlineData(null, "live:LABEL=x", "root=::live:LABEL=x bos_update_frequency=4h")]
    [InlineData("quiet", null, "quiet bos_update_frequency=4h")]
    public void Without_a_rootfs_provider_root_is_only_the_passthrough(string? parameters, string? passthrough, string expected) =>
        Assemble(new BootSet { KernelParameters = parameters, RootfsProviderPassthrough = passthrough }, rootfs: Rootfs).Should().Be(expected);

    [Fact]
    public void A_rootfs_without_etag_leaves_its_fields_empty() =>
        Assemble(new BootSet { RootfsProvider = "sbps" }, rootfs: Artifact(ImageManifest.RootfsType, "s3://b/i/rootfs", null))
            .Should().Be("root=sbps-s3:s3://b/i/rootfs: nmd_data=url=s3://b/i/rootfs bos_update_frequency=4h");

    [Fact]
    public void Sbps_needs_a_rootfs_artifact() =>
        FluentActions.Invoking(() => Assemble(new BootSet { RootfsProvider = "sbps" }))
            .Should().Throw<SessionSetupException>()
            .WithMessage("ArtifactNotFound: No artifact of type application/vnd.cray.image.rootfs.squashfs could be found in the image manifest.");

    [Theory]
    [InlineData("cpss3")]   // removed in 2.45.0
    [InlineData("SBPS")]
    public void Other_providers_are_not_supported(string provider) =>
        FluentActions.Invoking(() => Assemble(new BootSet { RootfsProvider = provider }, rootfs: Rootfs))
            .Should().Throw<SessionSetupException>()
            .WithMessage($"ProviderNotImplemented: Unsupported rootfs_provider ('{provider}') specified in boot set: bs");

    [Theory]
    [InlineData("4h", "4h")]
    [InlineData("4H", "4h")]   // nodes get a unit they can parse
    [InlineData("1W", "1w")]
    [InlineData("12d", "12d")]
    public void The_update_frequency_is_the_actual_state_ttl_in_lower_case(string ttl, string expected) =>
        Assemble(new BootSet(), ttl: ttl).Should().Be("bos_update_frequency=" + expected);

    [Fact]
    public void Image_parameters_are_split_on_any_whitespace() =>
        KernelParameters.SplitImageParameters(Encoding.UTF8.GetBytes(" console=ttyS0,115200\n\tip=dhcp  \r\nquiet\n"))
            .Should().Equal("console=ttyS0,115200", "ip=dhcp", "quiet");

    [Fact]
    public void Image_parameters_that_are_not_utf8_fail() =>
        FluentActions.Invoking(() => KernelParameters.SplitImageParameters([0x63, 0xff, 0xfe]))
            .Should().Throw<SessionSetupException>().Where(e => e.Message.StartsWith("UnicodeDecodeError: "));
}
