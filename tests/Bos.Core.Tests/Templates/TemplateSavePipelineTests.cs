using Bos.Contracts.Resources;
using Bos.Core.Templates;
using FluentAssertions;
using Xunit;
using static Bos.Core.Tests.Templates.TemplateRules;

namespace Bos.Core.Tests.Templates;

/// <summary>DM-61: the save pipeline of template PUT and PATCH (T1–T9).</summary>
public sealed class TemplateSavePipelineTests
{
    private readonly TemplateRules _rules = new();

    private Task<SessionTemplate> Save(SessionTemplate template) => _rules.Pipeline.SanitizeAsync("tpl", template);

    private async Task<string> Rejection(SessionTemplate template) =>
        (await FluentActions.Awaiting(() => Save(template)).Should().ThrowAsync<TemplateRuleException>()).Which.Message;

    [Fact]
    public async Task T1_requires_boot_sets()
    {
        (await Rejection(new SessionTemplate())).Should().Be("Missing required 'boot_sets' field");
        (await Rejection(Template())).Should().Be("Session templates must contain at least one boot set");
    }

    [Fact]
    public async Task T2_boot_set_name_must_match_its_key_and_is_not_stored()
    {
        (await Rejection(Template(("compute", BootSet() with { Name = "other" }))))
            .Should().Be("boot_sets key (compute) does not match 'name' field of corresponding boot set (other)");

        var saved = await Save(Template(("compute", BootSet() with { Name = "compute" })));
        saved.BootSets!["compute"].Name.Should().BeNull();
    }

    [Fact]
    public async Task T3_T4_T9_default_arch_drop_empty_cfs_and_name_the_template_by_its_path_id()
    {
        var template = Template(("a", BootSet() with { Cfs = new Cfs { Configuration = "" } }), ("b", BootSet(arch: "ARM") with { Cfs = new Cfs() }))
            with
        { Name = null, Cfs = new Cfs { Configuration = "" }, Description = "d" };

        var saved = await Save(template);

        saved.Name.Should().Be("tpl");
        saved.Cfs.Should().BeNull();
        saved.Description.Should().Be("d");
        saved.BootSets!["a"].Arch.Should().Be("X86");
        saved.BootSets["b"].Arch.Should().Be("ARM");
        saved.BootSets["a"].Cfs.Should().BeNull();
        saved.BootSets["b"].Cfs.Should().BeNull();
    }

    [Fact]
    public async Task T4_keeps_a_cfs_with_a_configuration()
    {
        var saved = await Save(Template(("a", BootSet() with { Cfs = new Cfs { Configuration = "c1" } })) with { Cfs = new Cfs { Configuration = "c0" } });
        saved.Cfs!.Configuration.Should().Be("c0");
        saved.BootSets!["a"].Cfs!.Configuration.Should().Be("c1");
    }

    [Fact]
    public async Task T5_missing_artifacts_are_only_logged_at_save_time()
    {
        // Nothing is in the catalog's S3: upstream logs and saves anyway.
        _rules.Catalog.ImsImages["img-1"] = "x86_64";
        var saved = await Save(Template(("a", BootSet())));
        saved.BootSets.Should().ContainKey("a");
    }

    [Fact]
    public async Task T6_arch_mismatch_rejects_with_upstreams_exception_name()
    {
        _rules.Catalog.AddImage("img-1", "x86_64");
        (await Rejection(Template(("a", BootSet(arch: "ARM")))))
            .Should().Be("BootSetArchMismatch: Boot set arch 'ARM' means IMS image arch should be 'aarch64', but actual IMS image arch is 'x86_64'");
    }

    [Fact]
    public async Task T6_missing_image_is_a_warning_unless_images_must_exist()
    {
        await Save(Template(("a", BootSet())));

        _rules.Options.Current = _rules.Options.Current with { ImsImagesMustExist = true };
        (await Rejection(Template(("a", BootSet())))).Should().Be("BootSetError: IMS image id 'img-1' does not exist in IMS");
    }

    [Fact]
    public async Task T6_ims_failure_is_a_warning_unless_ims_errors_are_fatal()
    {
        _rules.Catalog.ImsFailure = "ConnectionError: IMS is down";
        await Save(Template(("a", BootSet())));

        _rules.Options.Current = _rules.Options.Current with { ImsErrorsFatal = true };
        (await Rejection(Template(("a", BootSet())))).Should().Be("BootSetError: ConnectionError: IMS is down");
    }

    [Fact]
    public async Task T6_a_path_that_is_not_an_ims_image_is_accepted()
    {
        _rules.Options.Current = _rules.Options.Current with { ImsImagesMustExist = true, ImsErrorsFatal = true };
        await Save(Template(("a", BootSet(path: "s3://bucket-only"))));
    }

    [Fact]
    public async Task T7_requires_a_non_empty_hardware_specifier()
    {
        (await Rejection(Template(("a", BootSet() with { NodeList = null }))))
            .Should().Be("Boot set a: No hardware specifier fields (('node_list', 'node_roles_groups', 'node_groups'))");
        (await Rejection(Template(("a", BootSet() with { NodeList = [], NodeGroups = [] }))))
            .Should().Be("Boot set a: No non-empty hardware specifier fields (('node_list', 'node_roles_groups', 'node_groups'))");

        var saved = await Save(Template(("a", BootSet() with { NodeList = null, NodeRolesGroups = ["Compute"] })));
        saved.BootSets!["a"].NodeRolesGroups.Should().Equal("Compute");
    }

    [Fact]
    public async Task T8_nids_warn_unless_rejected_and_xnames_are_canonicalised()
    {
        var saved = await Save(Template(("a", BootSet(nodes: ["X0003C0S01B0N0", "nid000001", "x3000c0s1b0n0"]))));
        saved.BootSets!["a"].NodeList.Should().Equal("x3c0s1b0n0", "nid000001", "x3000c0s1b0n0");

        _rules.Options.Current = _rules.Options.Current with { RejectNids = true };
        (await Rejection(Template(("a", BootSet(nodes: ["nid000001"]))))).Should().Be("Boot set a: Has NID in 'node_list'");
        // NIDs are detected before canonicalisation, case-sensitively, as upstream does.
        await Save(Template(("a", BootSet(nodes: ["NID000001"]))));
    }

    [Fact]
    public async Task T9_reports_a_schema_violation_of_the_sanitized_document()
    {
        var rules = new TemplateRules(new RejectingSchema("'x' is too long - 'description'"));
        var act = () => rules.Pipeline.SanitizeAsync("tpl", Template(("a", BootSet())));
        (await act.Should().ThrowAsync<TemplateRuleException>()).Which.Message.Should().Be("'x' is too long - 'description'");
    }

    [Fact]
    public async Task The_first_failing_boot_set_decides_and_later_ones_are_not_checked()
    {
        var template = Template(("first", BootSet() with { NodeList = null }), ("second", BootSet() with { Name = "wrong" }));
        (await Rejection(template)).Should().StartWith("Boot set first:");
    }

    private sealed class RejectingSchema(string message) : ISessionTemplateSchema
    {
        public string? Validate(SessionTemplate template) => template.BootSets!.Values.All(b => b.Name is not null) ? message : "names were removed too early";
    }
}
