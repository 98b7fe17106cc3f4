using System.Text.Json.Nodes;
using Bos.Core.Tenancy;
using Bos.Migrate.Rules;
using FluentAssertions;
using Xunit;

namespace Bos.Migrate.Tests.Rules;

/// <summary>Upstream's session-template repairs (DB-20 step 1), one rule at a time.</summary>
public sealed class TemplateRepairTests
{
    private const string Path = "s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/manifest.json";

    private static JsonObject Template(string name = "compute", string bootSet = $$"""{"path":"{{Path}}","type":"s3","arch":"X86","node_list":["x1"]}""",
        string extra = "") =>
        JsonNode.Parse($"{{\"name\":\"{name}\",\"tenant\":null,{extra}\"boot_sets\":{{\"bs\":{bootSet}}}}}")!.AsObject();

    private static TemplateVerdict Judge(JsonObject template, string? key = null, Func<string, bool>? taken = null) =>
        TemplateRepair.Judge(key ?? TenantKey.For(template["tenant"]?.GetValue<string>(), template["name"]?.ToString() ?? ""),
            template, RecordSchema.Upstream, taken ?? (_ => false));

    private static JsonObject Repaired(TemplateVerdict verdict) =>
        verdict.Should().BeOfType<TemplateVerdict.Rewrite>().Subject.Template;

    [Fact]
    public void A_valid_template_is_kept_as_it_is() => Judge(Template()).Should().BeOfType<TemplateVerdict.Keep>();

    [Theory]
    [InlineData("""{"boot_sets":{"b":{}}}""", "Missing required 'name' field")]
    [InlineData("""{"name":"t"}""", "Missing required 'boot_sets' field")]
    [InlineData("""{"name":5,"boot_sets":{}}""", "'name' field has non-string value")]
    [InlineData("""{"name":"t","boot_sets":[]}""", "'boot_sets' field value has invalid type")]
    [InlineData("""{"name":"t","boot_sets":{}}""", "'boot_sets' field value is empty")]
    [InlineData("""{"name":"t","boot_sets":{"b":"x"}}""", "'boot_sets' dict has at least one non-dict value")]
    [InlineData("""{"name":"t","tenant":5,"boot_sets":{"b":{}}}""", "Does not follow V2TenantName schema: 5")]
    [InlineData("""{"name":"t","boot_sets":{"b":{"type":"s3","node_list":["x1"]}}}""", "Boot set 'b': Missing required 'path' field")]
    [InlineData("""{"name":"t","boot_sets":{"b":{"path":"","node_list":["x1"]}}}""", "Boot set 'b' has invalid 'path' field: Does not follow BootManifestPath schema: ''")]
    [InlineData("""{"name":"t","boot_sets":{"b":{"path":"p","node_list":[],"node_groups":""}}}""", "Boot set 'b' has no non-empty node fields (('node_list', 'node_roles_groups', 'node_groups'))")]
    [InlineData("""{"name":"t","boot_sets":{"b":{"path":"p","node_list":["x1"],"cfs":"c"}}}""", "Boot set 'b' 'cfs' field value has invalid type")]
    [InlineData("""{"name":"t","cfs":["c"],"boot_sets":{"b":{"path":"p","node_list":["x1"]}}}""", "'cfs' field value has invalid type")]
    [InlineData("""{"name":"t","enable_cfs":"yes","boot_sets":{"b":{"path":"p","node_list":["x1"]}}}""", "Does not follow V2SessionTemplate schema: 'yes' is not of type 'boolean' - 'enable_cfs'")]
    [InlineData("""{"name":"!!!","boot_sets":{"b":{"path":"p","node_list":["x1"]}}}""", "Does not follow SessionTemplateName schema: !!!")]
    public void A_template_beyond_repair_is_deleted_with_upstreams_reason(string json, string reason)
    {
        var template = JsonNode.Parse(json)!.AsObject();
        TemplateRepair.Judge(TenantKey.For(null, "t"), template, RecordSchema.Upstream, _ => false)
            .Should().Be(new TemplateVerdict.Delete(reason));
    }

    [Fact]
    public void A_template_stored_under_another_key_is_deleted() =>
        Judge(Template(), key: TenantKey.For(null, "other")).Should().BeOfType<TemplateVerdict.Delete>()
            .Which.Reason.Should().StartWith("Actual DB key (").And.Contain(TenantKey.For(null, "compute"));

    [Fact]
    public void Unknown_top_level_fields_are_dropped() =>
        Repaired(Judge(Template(extra: "\"partition\":\"p1\",\"cfs_url\":\"u\",\"links\":[],"))).Select(p => p.Key)
            .Should().BeEquivalentTo("name", "tenant", "links", "boot_sets");

    [Theory]
    [InlineData("""{"path":"p","type":"http","arch":"X86","node_list":["x1"]}""", "type", "s3")]
    [InlineData("""{"path":"p","arch":"X86","node_list":["x1"]}""", "type", "s3")]
    [InlineData("""{"path":"p","type":"s3","node_list":["x1"]}""", "arch", "X86")]
    public void A_boot_set_gets_type_s3_and_a_default_arch(string bootSet, string field, string value) =>
        Repaired(Judge(Template(bootSet: bootSet)))["boot_sets"]!["bs"]![field]!.GetValue<string>().Should().Be(value);

    [Theory]
    [InlineData("""{"name":"bs","path":"p","type":"s3","arch":"X86","node_list":["x1"]}""", "name")]
    [InlineData("""{"path":"p","type":"s3","arch":"X86","node_list":["x1"],"network":"nmn","boot_ordinal":1}""", "network")]
    [InlineData("""{"path":"p","type":"s3","arch":"X86","node_list":["x1"],"etag":null}""", "etag")]
    [InlineData("""{"path":"p","type":"s3","arch":"X86","node_list":["x1"],"rootfs_provider":""}""", "rootfs_provider")]
    [InlineData("""{"path":"p","type":"s3","arch":"X86","node_list":["x1"],"node_groups":[]}""", "node_groups")]
    [InlineData("""{"path":"p","type":"s3","arch":"X86","node_list":["x1"],"cfs":{}}""", "cfs")]
    [InlineData("""{"path":"p","type":"s3","arch":"X86","node_list":["x1"],"cfs":{"configuration":""}}""", "cfs")]
    [InlineData("""{"path":"p","type":"s3","arch":"X86","node_list":["x1"],"cfs":{"clone_url":"u"}}""", "cfs")]
    public void Redundant_unknown_null_or_empty_boot_set_fields_are_removed(string bootSet, string removed)
    {
        var repaired = Repaired(Judge(Template(bootSet: bootSet)));
        repaired["boot_sets"]!["bs"]!.AsObject().ContainsKey(removed).Should().BeFalse();
        repaired["boot_sets"]!["bs"]!["node_list"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public void A_cfs_configuration_is_kept_and_unknown_cfs_fields_dropped() =>
        Repaired(Judge(Template(extra: "\"cfs\":{\"configuration\":\"c\",\"branch\":\"main\"},")))["cfs"]!.ToJsonString()
            .Should().Be("""{"configuration":"c"}""");

    [Theory]
    [InlineData("\"\"", null)]
    [InlineData("5", null)]
    public void An_empty_or_non_string_description_is_removed(string description, string? expected) =>
        Repaired(Judge(Template(extra: $"\"description\":{description},")))["description"].Should().Be(expected);

    [Fact]
    public void A_long_description_is_truncated_to_1023_characters() =>
        Repaired(Judge(Template(extra: $"\"description\":\"{new string('d', 1100)}\",")))["description"]!.GetValue<string>()
            .Should().HaveLength(1023);

    [Fact]
    public void An_illegal_name_is_renamed_with_the_former_name_in_the_description()
    {
        var rename = Judge(Template(name: "legacy v1!")).Should().BeOfType<TemplateVerdict.Rename>().Subject;
        rename.NewName.Should().Be("auto_renamed_legacy_v1");
        rename.Template["name"]!.GetValue<string>().Should().Be("auto_renamed_legacy_v1");
        rename.Template["description"]!.GetValue<string>().Should().Be("Former name: legacy v1!");
    }

    [Fact]
    public void The_former_name_is_appended_to_an_existing_description() =>
        Judge(Template(name: "a b", extra: "\"description\":\"Old\",")).Should().BeOfType<TemplateVerdict.Rename>()
            .Which.Template["description"]!.GetValue<string>().Should().Be("Old; Former name: a b");

    [Theory]
    [InlineData("trailing dash-!", "auto_renamed_trailing_dash-_a")]
    [InlineData("taken name", "auto_renamed_taken_name_b")]
    public void A_renamed_name_that_ends_badly_or_is_taken_gets_a_suffix(string name, string expected)
    {
        var taken = new HashSet<string> { "auto_renamed_taken_name", "auto_renamed_taken_name_a" };
        Judge(Template(name: name), taken: taken.Contains).Should().BeOfType<TemplateVerdict.Rename>()
            .Which.NewName.Should().Be(expected);
    }

    [Fact]
    public void A_renamed_name_is_cut_to_127_characters() =>
        Judge(Template(name: new string('n', 200) + " x")).Should().BeOfType<TemplateVerdict.Rename>()
            .Which.NewName.Should().HaveLength(127).And.StartWith("auto_renamed_nnn");

    [Fact]
    public void Repairing_a_repaired_template_changes_nothing()
    {
        var repaired = Repaired(Judge(Template(bootSet: """{"name":"bs","path":"p","node_list":["x1"],"node_groups":[]}""", extra: "\"x\":1,")));
        Judge(repaired).Should().BeOfType<TemplateVerdict.Keep>();
    }
}
