using System.Text.Json.Nodes;
using Bos.Core.Options;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Options;

/// <summary>API-24/25 record rules: what a read yields and what a patch stores and answers.</summary>
public sealed class OptionsRecordTests
{
    [Fact]
    public void An_absent_record_reads_as_every_default_and_needs_writing()
    {
        var reading = OptionsRecord.Effective(null);

        JsonNode.DeepEquals(reading.Record, OptionDefinitions.DefaultRecord()).Should().BeTrue();
        reading.Missing.Should().HaveCount(20);
        reading.NeedsRewrite.Should().BeTrue();
    }

    [Fact]
    public void A_complete_legal_record_reads_unchanged()
    {
        var stored = OptionDefinitions.DefaultRecord();
        stored["polling_frequency"] = 7;
        stored["logging_level"] = "debug";

        var reading = OptionsRecord.Effective(stored);

        JsonNode.DeepEquals(reading.Record, stored).Should().BeTrue();
        reading.NeedsRewrite.Should().BeFalse();
    }

    [Fact]
    public void Missing_options_get_defaults_illegal_values_fall_back_per_option_and_unknown_keys_are_dropped()
    {
        var stored = JsonNode.Parse("""
            {"polling_frequency": 7, "component_actual_state_ttl": "30m", "max_component_batch_size": -1,
             "disable_components_on_completion": true, "max_component_wait_time": 3600}
            """)!.AsObject();

        var reading = OptionsRecord.Effective(stored);

        reading.Record["polling_frequency"]!.GetValue<int>().Should().Be(7);
        reading.Record["component_actual_state_ttl"]!.GetValue<string>().Should().Be("4h");
        reading.Record["max_component_batch_size"]!.GetValue<int>().Should().Be(2800);
        reading.Record.Should().HaveCount(20);
        reading.Illegal.Should().BeEquivalentTo("component_actual_state_ttl", "max_component_batch_size");
        reading.Unknown.Should().BeEquivalentTo("disable_components_on_completion", "max_component_wait_time");
        reading.Missing.Should().HaveCount(17);
        BosOptions.FromRecord(reading.Record).Should().Be(BosOptions.Defaults with { PollingFrequency = 7 });
    }

    [Fact]
    public void A_patch_stores_known_keys_and_answers_with_unknown_keys_too()
    {
        var current = OptionDefinitions.DefaultRecord();
        var patch = JsonNode.Parse("""{"reject_nids": true, "logging_level": "debug", "my_setting": {"a": 1}}""")!.AsObject();

        var result = OptionsRecord.Apply(current, patch);

        result.Stored["reject_nids"]!.GetValue<bool>().Should().BeTrue();
        result.Stored["logging_level"]!.GetValue<string>().Should().Be("debug");
        result.Stored.ContainsKey("my_setting").Should().BeFalse();
        result.Stored.Should().HaveCount(20);
        result.Response.Should().HaveCount(21);
        result.Response["my_setting"]!.ToJsonString().Should().Be("""{"a":1}""");
        result.Unknown.Should().Equal("my_setting");
        current["reject_nids"]!.GetValue<bool>().Should().BeFalse("the inputs are not changed");
        patch.Should().HaveCount(3);
    }

    [Fact]
    public void A_patch_over_an_incomplete_record_stores_every_option()
    {
        var result = OptionsRecord.Apply(JsonNode.Parse("""{"polling_frequency": 7}""")!.AsObject(),
            JsonNode.Parse("""{"clear_stage": true}""")!.AsObject());

        result.Stored.Should().HaveCount(20);
        result.Stored["polling_frequency"]!.GetValue<int>().Should().Be(7);
        result.Stored["clear_stage"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public void A_patch_with_an_illegal_known_value_is_refused() =>
        FluentActions.Invoking(() => OptionsRecord.Apply(new JsonObject(), JsonNode.Parse("""{"polling_frequency": -1}""")!.AsObject()))
            .Should().Throw<ArgumentException>().WithMessage("*polling_frequency*");

    [Theory]
    [InlineData(null, false, false)]
    [InlineData("{}", false, true)]
    [InlineData("""{"polling_frequency": 7}""", false, true)]
    [InlineData("not json", true, true)]
    [InlineData("[1, 2]", true, true)]
    [InlineData("\"text\"", true, true)]
    public void Stored_text_that_is_not_an_object_reads_as_an_empty_record(string? raw, bool corrupt, bool present)
    {
        var record = OptionsRecord.Parse(raw, out var isCorrupt);

        isCorrupt.Should().Be(corrupt);
        (record is not null).Should().Be(present);
        if (corrupt) record.Should().BeEmpty();
    }
}
