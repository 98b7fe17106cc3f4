using Bos.Contracts.Resources;
using Bos.Core.BootImages;
using Bos.Core.Clients;
using Bos.Core.Templates;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Core.Tests.Templates.TemplateRules;

namespace Bos.Core.Tests.Templates;

/// <summary>DM-63: boot-set validation of session creation (API-33) and sessiontemplatesvalid (API-31), V1–V5.</summary>
public sealed class BootSetValidatorTests
{
    private const string Prefix = "Session template: 'tpl' boot set: 'bs': ";
    private readonly TemplateRules _rules = new();

    private Task<BootSetValidation> Validate(BootSet bootSet, string operation = "boot") =>
        _rules.Validator.ValidateAsync(Template(("bs", bootSet)), operation, "tpl");

    private BootSet GoodImage(string arch = "x86_64", bool initrd = true, bool bootParameters = false) =>
        BootSet(path: _rules.Catalog.AddImage("img-1", arch, initrd, bootParameters));

    [Fact]
    public async Task A_boot_set_with_an_existing_matching_image_is_Valid()
    {
        (await Validate(GoodImage(bootParameters: true))).Should().Be(new BootSetValidation(BootSetStatus.Success, "Valid"));
    }

    [Fact]
    public async Task V1_no_boot_sets_is_an_error()
    {
        var result = await _rules.Validator.ValidateAsync(new SessionTemplate(), "boot", "tpl");
        result.Should().Be(new BootSetValidation(BootSetStatus.Error, "Session template 'tpl' requires at least 1 boot set."));
    }

    [Fact]
    public async Task V2_missing_hardware_specifier_is_an_error()
    {
        var result = await Validate(GoodImage() with { NodeList = null });
        result.Should().Be(new BootSetValidation(BootSetStatus.Error,
            Prefix + "No hardware specifier fields (('node_list', 'node_roles_groups', 'node_groups'))"));
    }

    [Fact]
    public async Task V3_an_unsupported_rootfs_provider_is_a_warning()
    {
        (await Validate(GoodImage() with { RootfsProvider = "cpss3" })).Should().Be(new BootSetValidation(BootSetStatus.Warning,
            Prefix + "Unsupported rootfs_provider ('cpss3') will cause boot/reboot sessions to fail"));
        (await Validate(GoodImage() with { RootfsProvider = "sbps" })).Status.Should().Be(BootSetStatus.Success);
    }

    [Fact]
    public async Task V4_nids_are_a_warning_or_with_reject_nids_an_error()
    {
        (await Validate(GoodImage() with { NodeList = ["nid001"] }))
            .Should().Be(new BootSetValidation(BootSetStatus.Warning, Prefix + "Has NID in 'node_list'"));

        _rules.Options.Current = _rules.Options.Current with { RejectNids = true };
        (await Validate(GoodImage() with { NodeList = ["nid001"] }))
            .Should().Be(new BootSetValidation(BootSetStatus.Error, Prefix + "Has NID in 'node_list'"));
    }

    [Theory]
    [InlineData("shutdown")]
    public async Task V5_image_checks_apply_only_to_boot_and_reboot(string operation)
    {
        (await Validate(BootSet(path: "s3://boot-images/absent/manifest.json"), operation)).Status.Should().Be(BootSetStatus.Success);
        (await Validate(BootSet(path: "s3://boot-images/absent/manifest.json"), "reboot")).Status.Should().Be(BootSetStatus.Error);
    }

    [Fact]
    public async Task V5_unreadable_manifest_or_non_s3_type_is_an_error()
    {
        (await Validate(BootSet(path: "s3://boot-images/absent/manifest.json"))).Should().Be(new BootSetValidation(BootSetStatus.Error,
            Prefix + "Can't find boot artifacts. Error: ManifestNotFound: Unable to read manifest file 's3://boot-images/absent/manifest.json'."));
        (await Validate(GoodImage() with { Type = "nfs" })).Should().Be(new BootSetValidation(BootSetStatus.Error,
            Prefix + "Can't find boot artifacts. Error: BootImageMetaDataUnknown: No BootImageMetaData class for type nfs"));
    }

    [Fact]
    public async Task V5_missing_kernel_is_an_error_and_missing_initrd_a_warning()
    {
        var bootSet = GoodImage(initrd: false);
        (await Validate(bootSet)).Should().Be(new BootSetValidation(BootSetStatus.Warning,
            Prefix + $"{bootSet.Path} doesn't contain a initrd"));

        _rules.Catalog.ExistingArtifacts.TryRemove("s3://boot-images/img-1/kernel", out _);
        (await Validate(bootSet)).Should().Be(new BootSetValidation(BootSetStatus.Error,
            Prefix + $"Can't find kernel in {bootSet.Path}. Error: S3ObjectNotFound: s3 object s3://boot-images/img-1/kernel was not found."));
    }

    [Fact]
    public async Task V5_duplicate_artifacts_in_the_manifest_are_an_error()
    {
        var path = "s3://boot-images/dup/manifest.json";
        _rules.Catalog.Manifests[path] = new ImageManifest
        {
            Artifacts =
            [
                InMemoryBootImageCatalog.Artifact(ImageManifest.KernelType, "s3://boot-images/dup/k1", null),
                InMemoryBootImageCatalog.Artifact(ImageManifest.KernelType, "s3://boot-images/dup/k2", null),
            ],
        };
        (await Validate(BootSet(path: path))).Message.Should()
            .Be(Prefix + "Can't find boot artifacts. Error: TooManyArtifacts: Multiple application/vnd.cray.image.kernel artifacts found in the manifest.");
    }

    [Fact]
    public async Task V5_an_unreadable_boot_parameters_object_is_a_warning()
    {
        var bootSet = GoodImage(bootParameters: true);
        _rules.Catalog.ExistingArtifacts.TryRemove("s3://boot-images/img-1/boot_parameters", out _);
        (await Validate(bootSet)).Should().Be(new BootSetValidation(BootSetStatus.Warning, Prefix +
            $"Unable to check boot_parameters in {bootSet.Path}. Warning: S3ObjectNotFound: s3 object s3://boot-images/img-1/boot_parameters was not found."));
    }

    [Theory]
    [InlineData("X86", "x86_64", null)]
    [InlineData("Unknown", "x86_64", null)]
    [InlineData("ARM", "aarch64", null)]
    [InlineData("X86", null, null)] // IMS image without arch ⇒ x86_64
    [InlineData("ARM", "x86_64", "Boot set arch 'ARM' means IMS image arch should be 'aarch64', but actual IMS image arch is 'x86_64'")]
    [InlineData("X86", "aarch64", "Boot set arch 'X86' means IMS image arch should be 'x86_64', but actual IMS image arch is 'aarch64'")]
    public async Task V5_boot_set_arch_must_match_the_ims_image(string arch, string? imsArch, string? error)
    {
        var result = await Validate(GoodImage(imsArch!) with { Arch = arch });
        result.Should().Be(error is null ? new BootSetValidation(BootSetStatus.Success, "Valid") : new BootSetValidation(BootSetStatus.Error, Prefix + error));
    }

    [Fact]
    public async Task V5_arch_Other_cannot_be_validated()
    {
        (await Validate(GoodImage() with { Arch = "Other" })).Should().Be(new BootSetValidation(BootSetStatus.Warning,
            Prefix + "Can't validate boot image arch: Boot set arch set to 'Other'"));
    }

    [Fact]
    public async Task V5_missing_ims_image_warns_unless_images_must_exist()
    {
        var bootSet = GoodImage();
        _rules.Catalog.ImsImages.TryRemove("img-1", out _);
        (await Validate(bootSet)).Should().Be(new BootSetValidation(BootSetStatus.Warning, Prefix + "IMS image id 'img-1' does not exist in IMS"));

        _rules.Options.Current = _rules.Options.Current with { ImsImagesMustExist = true };
        (await Validate(bootSet)).Should().Be(new BootSetValidation(BootSetStatus.Error, Prefix + "IMS image id 'img-1' does not exist in IMS"));
    }

    [Fact]
    public async Task V5_ims_failure_warns_unless_ims_errors_are_fatal()
    {
        var bootSet = GoodImage();
        _rules.Catalog.ImsFailure = "ConnectionError: refused";
        // Upstream: warnings show str(err), the fatal error exc_type_msg(err).
        (await Validate(bootSet)).Should().Be(new BootSetValidation(BootSetStatus.Warning, Prefix + "Can't validate boot image arch: refused"));
        (await Validate(bootSet with { Arch = "Other" })).Should().Be(new BootSetValidation(BootSetStatus.Warning, Prefix + "refused"));

        _rules.Options.Current = _rules.Options.Current with { ImsErrorsFatal = true };
        (await Validate(bootSet)).Should().Be(new BootSetValidation(BootSetStatus.Error, Prefix + "ConnectionError: refused"));
    }

    [Fact]
    public async Task V5_a_path_outside_the_ims_convention_is_a_warning()
    {
        _rules.Catalog.Manifests["s3://bucket/manifest.json"] = _rules.Catalog.Manifests[GoodImage().Path!];
        (await Validate(BootSet(path: "s3://bucket/manifest.json"))).Should().Be(new BootSetValidation(BootSetStatus.Warning,
            Prefix + "Boot artifact S3 URL 's3://bucket/manifest.json' doesn't follow convention for IMS images"));
    }

    [Fact]
    public async Task Without_S3_and_IMS_every_boot_set_is_valid_with_warnings()
    {
        var validator = new BootSetValidator(new BootImageChecks(new UnavailableBootImageCatalog()), _rules.Options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BootSetValidator>.Instance);
        var result = await validator.ValidateAsync(Template(("a", BootSet()), ("b", BootSet())), "boot", "tpl");

        result.Status.Should().Be(BootSetStatus.Warning);
        result.Message.Should().Be(
            "Session template: 'tpl' boot set: 'a': Can't validate boot artifacts: no S3 client is configured; "
            + "Session template: 'tpl' boot set: 'a': Can't validate boot image arch: no IMS client is configured; "
            + "Session template: 'tpl' boot set: 'b': Can't validate boot artifacts: no S3 client is configured; "
            + "Session template: 'tpl' boot set: 'b': Can't validate boot image arch: no IMS client is configured");
    }

    [Fact]
    public async Task A_catalog_that_throws_is_treated_like_upstreams_failed_calls()
    {
        var validator = new BootSetValidator(new BootImageChecks(new ThrowingCatalog()), _rules.Options,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BootSetValidator>.Instance);
        var result = await validator.ValidateAsync(Template(("bs", BootSet())), "boot", "tpl");
        result.Should().Be(new BootSetValidation(BootSetStatus.Error, Prefix + "Can't find boot artifacts. Error: HttpRequestException: S3 down"));
    }

    private sealed class ThrowingCatalog : IBootImageCatalog
    {
        public Task<ManifestLookup> ReadManifestAsync(string s3Url, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("S3 down");

        public Task<ArtifactLookup> CheckArtifactAsync(string s3Url, string? etag, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("S3 down");

        public Task<ImsImageLookup> GetImsImageAsync(string imageId, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("IMS down");
    }

    [Fact]
    public async Task The_first_error_wins_over_earlier_warnings()
    {
        var template = Template(("a", GoodImage() with { RootfsProvider = "dvs" }), ("b", GoodImage() with { NodeList = null }));
        var result = await _rules.Validator.ValidateAsync(template, "boot", "tpl");
        result.Status.Should().Be(BootSetStatus.Error);
        result.Message.Should().StartWith("Session template: 'tpl' boot set: 'b': No hardware specifier fields");
    }
}
