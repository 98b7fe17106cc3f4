using System.Text.Json;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Json;

/// <summary>The hand-written component reader and writer against the serializer's own contract under the same options.</summary>
public sealed class ComponentJsonConverterTests
{
    private static readonly JsonSerializerOptions Contract = WithoutConverters();

    private static JsonSerializerOptions WithoutConverters()
    {
        var options = new JsonSerializerOptions(BosJson.Options);
        options.Converters.Clear();
        return options;
    }

    private static readonly string?[] Texts =
    [
        null, "", "x3000c0s1b0n0", "s3://boot-images/k/kernel", "console=ttyS0 root=sbps-s3:x <tag> & 'q' \"dq\"",
        "ünïcödé ✓ 😀", "line\nbreak\ttab \\ back", "\u2028\u0001", "2026-12-03T10:00:00.123456+00:00",
    ];

    private static T? Maybe<T>(Random random, Func<T> make) where T : class => random.Next(4) == 0 ? null : make();

    private static string? Text(Random random) => Texts[random.Next(Texts.Length)];

    private static int? Number(Random random) => random.Next(4) switch { 0 => null, 1 => 0, 2 => random.Next(-5, 100), _ => int.MaxValue };

    private static bool? Flag(Random random) => random.Next(3) switch { 0 => null, 1 => true, _ => false };

    private static BootArtifacts? Artifacts(Random random) => Maybe(random, () => new BootArtifacts
    {
        Kernel = Text(random), KernelParameters = Text(random), Initrd = Text(random), Timestamp = Text(random),
    });

    private static Component RandomRecord(Random random) => new()
    {
        Id = Text(random),
        ActualState = Maybe(random, () => new ActualState { BootArtifacts = Artifacts(random), BssToken = Text(random), LastUpdated = Text(random) }),
        DesiredState = Maybe(random, () => new DesiredState
        {
            BootArtifacts = Artifacts(random), Configuration = Text(random), BssToken = Text(random), LastUpdated = Text(random),
        }),
        StagedState = Maybe(random, () => new StagedState
        {
            BootArtifacts = Artifacts(random), Configuration = Text(random), Session = Text(random), LastUpdated = Text(random),
        }),
        LastAction = Maybe(random, () => new LastAction { LastUpdated = Text(random), Action = Text(random), Failed = Flag(random) }),
        EventStats = Maybe(random, () => new EventStats
        {
            PowerOnAttempts = Number(random), PowerOffGracefulAttempts = Number(random), PowerOffForcefulAttempts = Number(random),
        }),
        Status = Maybe(random, () => new ComponentStatus { Phase = Text(random), Status = Text(random), StatusOverride = Text(random) }),
        Enabled = Flag(random),
        Error = Text(random),
        Session = Text(random),
        RetryPolicy = Number(random),
    };

    [Fact]
    public void Components_are_read_and_written_by_the_converter_under_the_bos_options() =>
        BosJson.Options.GetConverter(typeof(Component)).Should().BeOfType<ComponentJsonConverter>();

    [Fact]
    public void Writes_every_record_byte_for_byte_as_the_serializers_contract_does()
    {
        var random = new Random(12);
        for (var i = 0; i < 3000; i++)
        {
            var record = RandomRecord(random);
            BosJson.Serialize(record).Should().Be(JsonSerializer.Serialize(record, Contract));
        }
    }

    [Fact]
    public void Reads_back_every_record_it_wrote_equal_to_the_serializers_contract()
    {
        var random = new Random(34);
        for (var i = 0; i < 3000; i++)
        {
            var record = RandomRecord(random);
            var json = JsonSerializer.Serialize(record, Contract);
            var read = BosJson.Deserialize<Component>(json);
            read.Should().Be(JsonSerializer.Deserialize<Component>(json, Contract));
            read.Should().Be(record);
        }
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"ID":"x1","Enabled":true,"Actual_State":{"BOOT_ARTIFACTS":{"Kernel":"k"}},"STATUS":{"Phase":"on"}}""")]
    [InlineData("""{"id":"x1","unknown":{"a":[1,{"b":null}],"c":"d"},"desired_state":{"extra":[1,2],"configuration":"c"},"more":3}""")]
    [InlineData("""{"id":null,"actual_state":null,"desired_state":{"boot_artifacts":null},"event_stats":null,"enabled":null}""")]
    [InlineData("""{"event_stats":{"power_on_attempts":"3","power_off_graceful_attempts":"-2","power_off_forceful_attempts":7},"retry_policy":"4"}""")]
    [InlineData("""{"\u0069d":"escaped name","e\u006Eabled":false,"error":"\u00fc\n"}""")]
    [InlineData("""{"id":"first","id":"last","last_action":{"action":"a","action":"b","failed":true}}""")]
    [InlineData("""{"staged_state":{"session":"s","boot_artifacts":{"initrd":"i","timestamp":"t"}},"session":"s2","retry_policy":0}""")]
    public void Reads_odd_but_valid_documents_as_the_serializers_contract_does(string json) =>
        BosJson.Deserialize<Component>(json).Should().Be(JsonSerializer.Deserialize<Component>(json, Contract));

    [Theory]
    [InlineData("""{"id":5}""")]
    [InlineData("""{"enabled":"true"}""")]
    [InlineData("""{"actual_state":[]}""")]
    [InlineData("""{"actual_state":"on"}""")]
    [InlineData("""{"event_stats":{"power_on_attempts":1.5}}""")]
    [InlineData("""{"event_stats":{"power_on_attempts":"1.5"}}""")]
    [InlineData("""{"event_stats":{"power_on_attempts":" 1"}}""")]
    [InlineData("""{"retry_policy":4294967296}""")]
    [InlineData("""{"last_action":{"failed":"no"}}""")]
    [InlineData("""[]""")]
    public void Refuses_what_the_serializers_contract_refuses(string json)
    {
        var contract = () => JsonSerializer.Deserialize<Component>(json, Contract);
        var converter = () => BosJson.Deserialize<Component>(json);
        contract.Should().Throw<JsonException>();
        converter.Should().Throw<JsonException>();
    }

    [Fact]
    public void Reads_a_component_inside_another_document_and_leaves_the_reader_after_it()
    {
        var json = """[{"id":"a","status":{"phase":"x"},"tail":{"n":[1]}},null,{"id":"b"}]""";
        BosJson.Deserialize<List<Component?>>(json).Should().Equal(JsonSerializer.Deserialize<List<Component?>>(json, Contract));
    }

    [Fact]
    public void Long_values_read_again_are_the_same_text_whatever_else_was_read_between()
    {
        var parameters = new string('p', 200);
        var other = new string('q', 200);
        string Kernel(string json) => BosJson.Deserialize<Component>(json).DesiredState!.BootArtifacts!.KernelParameters!;
        string Document(string value) => """{"desired_state":{"boot_artifacts":{"kernel_parameters":""" + "\"" + value + "\"}}}";
        Kernel(Document(parameters)).Should().Be(parameters);
        Kernel(Document(other)).Should().Be(other);
        Kernel(Document(parameters)).Should().Be(parameters);
        Kernel(Document(parameters[..^1] + "x")).Should().Be(parameters[..^1] + "x");
        Kernel(Document(parameters)).Should().Be(parameters);
        Kernel(Document("x" + parameters[1..])).Should().Be("x" + parameters[1..]); // the same slot, other bytes
        Kernel(Document("\\u0070" + parameters)).Should().Be("p" + parameters);
    }
}
