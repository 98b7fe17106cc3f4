using System.Text.Json.Nodes;
using Bos.Api.Spec;
using Bos.Core.Options;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Options;

/// <summary>
/// The option rules in core (used to judge stored values) and the spec's V2Options (used to validate PATCH bodies)
/// must agree, or a value the API accepts could be read back as its default.
/// </summary>
public sealed class OptionsSpecAgreementTests
{
    private static readonly JsonObject Properties = UpstreamSpec.Instance.Schemas["V2Options"]!["properties"]!.AsObject();

    public static TheoryData<string> Names() => new(OptionDefinitions.All.Select(o => o.Name));

    [Fact]
    public void The_spec_and_core_name_the_same_options() =>
        Properties.Select(p => p.Key).Should().BeEquivalentTo(OptionDefinitions.All.Select(o => o.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_option_has_the_specs_type_and_limits(string name)
    {
        var schema = Properties[name]!;
        switch (OptionDefinitions.Find(name))
        {
            case IntegerOption o:
                ((string)schema["type"]!).Should().Be("integer");
                ((long)schema["minimum"]!).Should().Be(o.Minimum);
                ((long)schema["maximum"]!).Should().Be(o.Maximum);
                break;
            case BooleanOption:
                ((string)schema["type"]!).Should().Be("boolean");
                break;
            case StringOption o:
                ((string)schema["type"]!).Should().Be("string");
                ((string)schema["pattern"]!).Should().Be(o.Pattern);
                ((long?)schema["minLength"] ?? 0).Should().Be(o.MinLength);
                ((long?)schema["maxLength"] ?? int.MaxValue).Should().Be(o.MaxLength);
                break;
            default:
                throw new InvalidOperationException($"Unexpected option kind for {name}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_default_is_valid_under_the_spec(string name) =>
        new SchemaValidator(UpstreamSpec.Instance).Validate(JsonNode.Parse(OptionDefinitions.Find(name)!.DefaultValue().ToJsonString()), Properties[name]!)
            .Should().BeNull();
}
