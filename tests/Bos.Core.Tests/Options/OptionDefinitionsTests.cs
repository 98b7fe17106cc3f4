using System.Text.Json.Nodes;
using Bos.Core.Json;
using Bos.Core.Options;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Options;

/// <summary>DM-80: one list of options, defaults and legal values.</summary>
public sealed class OptionDefinitionsTests
{
    [Fact]
    public void There_are_upstreams_twenty_options_in_name_order()
    {
        OptionDefinitions.All.Should().HaveCount(20);
        OptionDefinitions.All.Select(o => o.Name).Should().BeInAscendingOrder(StringComparer.Ordinal);
        OptionDefinitions.All.Select(o => o.Name).Should().NotContain("disable_components_on_completion"); // removed in 2.48
    }

    [Fact]
    public void The_typed_options_have_exactly_the_defined_options_and_defaults()
    {
        var typed = JsonNode.Parse(BosJson.Serialize(BosOptions.Defaults))!;
        JsonNode.DeepEquals(typed, OptionDefinitions.DefaultRecord()).Should().BeTrue(typed.ToJsonString());
        BosOptions.FromRecord(OptionDefinitions.DefaultRecord()).Should().Be(BosOptions.Defaults);
    }

    [Theory]
    [InlineData("bss_read_timeout", "20")]
    [InlineData("cleanup_completed_session_ttl", "\"7d\"")]
    [InlineData("clear_stage", "false")]
    [InlineData("component_actual_state_ttl", "\"4h\"")]
    [InlineData("default_retry_policy", "3")]
    [InlineData("discovery_frequency", "300")]
    [InlineData("logging_level", "\"INFO\"")]
    [InlineData("max_boot_wait_time", "1200")]
    [InlineData("max_component_batch_size", "2800")]
    [InlineData("max_power_off_wait_time", "300")]
    [InlineData("max_power_on_wait_time", "120")]
    [InlineData("polling_frequency", "15")]
    [InlineData("reject_nids", "false")]
    [InlineData("session_limit_required", "false")]
    public void Defaults_are_upstreams(string name, string json) =>
        OptionDefinitions.Find(name)!.DefaultValue().ToJsonString().Should().Be(json);

    [Theory]
    [InlineData("bss_read_timeout", "10", true)]
    [InlineData("bss_read_timeout", "86400", true)]
    [InlineData("bss_read_timeout", "9", false)]
    [InlineData("bss_read_timeout", "86401", false)]
    [InlineData("bss_read_timeout", "20.0", true)]
    [InlineData("bss_read_timeout", "20.5", false)]
    [InlineData("bss_read_timeout", "\"20\"", false)]
    [InlineData("bss_read_timeout", "true", false)]
    [InlineData("bss_read_timeout", "null", false)]
    [InlineData("max_component_batch_size", "0", true)]
    [InlineData("max_component_batch_size", "131071", true)]
    [InlineData("max_component_batch_size", "131072", false)]
    [InlineData("discovery_frequency", "33554432", true)]
    [InlineData("discovery_frequency", "-1", false)]
    [InlineData("clear_stage", "true", true)]
    [InlineData("clear_stage", "\"true\"", false)]
    [InlineData("clear_stage", "1", false)]
    [InlineData("component_actual_state_ttl", "\"1h\"", true)]
    [InlineData("component_actual_state_ttl", "\"2W\"", true)]
    [InlineData("component_actual_state_ttl", "\"30m\"", false)]  // below one hour: illegal since 2.50
    [InlineData("component_actual_state_ttl", "\"0h\"", false)]
    [InlineData("component_actual_state_ttl", "\"h\"", false)]
    [InlineData("component_actual_state_ttl", "\"1234567h\"", true)]
    [InlineData("component_actual_state_ttl", "\"12345678h\"", false)] // 9 characters
    [InlineData("cleanup_completed_session_ttl", "\"0\"", true)]
    [InlineData("cleanup_completed_session_ttl", "\"0m\"", true)]
    [InlineData("cleanup_completed_session_ttl", "\"3d\"", true)]
    [InlineData("cleanup_completed_session_ttl", "\"07d\"", false)]
    [InlineData("cleanup_completed_session_ttl", "\"\"", false)]
    [InlineData("logging_level", "\"debug\"", true)]
    [InlineData("logging_level", "\"Warning\"", true)]
    [InlineData("logging_level", "\"CRITICAL\"", true)]
    [InlineData("logging_level", "\"TRACE\"", false)]
    [InlineData("logging_level", "\"\"", false)]
    [InlineData("logging_level", "3", false)]
    public void Values_are_legal_within_upstreams_ranges_and_patterns(string name, string json, bool legal) =>
        OptionDefinitions.Find(name)!.IsValid(JsonNode.Parse(json)).Should().Be(legal);

    [Fact]
    public void Normalize_keeps_legal_values_in_canonical_form_and_replaces_illegal_ones_by_the_default()
    {
        OptionDefinitions.PollingFrequency.Normalize(JsonNode.Parse("30.0")).ToJsonString().Should().Be("30");
        OptionDefinitions.PollingFrequency.Normalize(JsonNode.Parse("-5")).ToJsonString().Should().Be("15");
        OptionDefinitions.LoggingLevel.Normalize(JsonNode.Parse("\"debug\"")).ToJsonString().Should().Be("\"debug\"");
        OptionDefinitions.LoggingLevel.Normalize(null).ToJsonString().Should().Be("\"INFO\"");
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        OptionDefinitions.Find("polling_frequency").Should().BeSameAs(OptionDefinitions.PollingFrequency);
        OptionDefinitions.Find("Polling_Frequency").Should().BeNull();
        OptionDefinitions.IsKnown("max_component_wait_time").Should().BeFalse();
    }
}
