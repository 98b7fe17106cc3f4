using System.Text.Json;
using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Outbox;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.OutboxRelaying;

/// <summary>The outbox's hand-written change reader and writer against the serializer's own contract under the same options.</summary>
public sealed class ComponentChangedJsonConverterTests
{
    private static readonly JsonSerializerOptions Contract = new(JsonSerializerDefaults.Web);

    private static readonly string?[] Texts = [null, "", "x3000c0s1b0n0", "powering_on", "ünï ✓ <&> \"q\" \\", "a1b2c3d4e5f6"];

    private static string? Text(Random random) => Texts[random.Next(Texts.Length)];

    private static ComponentChanged RandomChange(Random random) => new()
    {
        ComponentId = Text(random) ?? "x1",
        ChangedFields = random.Next(5) == 0 ? [] : Enumerable.Range(0, random.Next(1, 5)).Select(_ => Text(random) ?? "status").ToList(),
        Component = random.Next(6) == 0 ? new Component { Id = "x1", Enabled = true, Status = new ComponentStatus { Phase = Text(random) } } : null,
        Facts = random.Next(5) == 0 ? null : new ComponentFacts
        {
            Phase = Text(random)!, Status = Text(random)!, Enabled = random.Next(2) == 0, Error = Text(random)!, LastAction = Text(random),
            Session = Text(random)!, Fingerprint = Text(random), ExternalAction = Text(random),
        },
        ChangedAt = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay)),
        InputChanged = random.Next(2) == 0,
        PreviousPhase = Text(random),
        PreviousStatus = Text(random),
    };

    [Fact]
    public void Changes_in_the_outbox_are_read_and_written_by_the_converter() =>
        OutboxEntry.JsonOptions.GetConverter(typeof(ComponentChanged)).Should().BeOfType<ComponentChangedJsonConverter>();

    [Fact]
    public void Writes_every_change_byte_for_byte_and_reads_it_back_as_the_serializers_contract_does()
    {
        var random = new Random(56);
        for (var i = 0; i < 3000; i++)
        {
            var change = RandomChange(random);
            var json = JsonSerializer.Serialize(change, Contract);
            JsonSerializer.Serialize(change, OutboxEntry.JsonOptions).Should().Be(json);
            var read = JsonSerializer.Deserialize<ComponentChanged>(json, OutboxEntry.JsonOptions);
            read.Should().BeEquivalentTo(JsonSerializer.Deserialize<ComponentChanged>(json, Contract));
            read.Should().BeEquivalentTo(change);
        }
    }

    [Theory]
    [InlineData("""{"componentId":"x1","changedFields":["status"],"changedAt":"2026-12-03T10:00:00Z"}""")]
    [InlineData("""{"COMPONENTID":"x1","ChangedFields":null,"CHANGEDAT":"2026-12-03T10:00:00.1234567+01:00","Facts":{"PHASE":"p","Enabled":true}}""")]
    [InlineData("""{"componentId":null,"changedFields":[null,"a"],"changedAt":"2026-12-03T10:00:00Z","facts":{},"extra":{"x":[1]},"previousPhase":null}""")]
    [InlineData("""{"componentId":"x1","changedFields":[],"changedAt":"2026-12-03T10:00:00Z","component":{"id":"x1","actualState":{"bssToken":"t"}}}""")]
    [InlineData("""{"componentId":"x1","changedFields":[],"changedAt":"2026-12-03T10:00:00Z","facts":{"phase":null,"status":null,"error":null,"session":null}}""")]
    public void Reads_odd_but_valid_changes_as_the_serializers_contract_does(string json) =>
        JsonSerializer.Deserialize<ComponentChanged>(json, OutboxEntry.JsonOptions).Should()
            .BeEquivalentTo(JsonSerializer.Deserialize<ComponentChanged>(json, Contract));

    [Theory]
    [InlineData("""{"changedFields":[],"changedAt":"2026-12-03T10:00:00Z"}""")]
    [InlineData("""{"componentId":"x1","changedAt":"2026-12-03T10:00:00Z"}""")]
    [InlineData("""{"componentId":"x1","changedFields":[]}""")]
    [InlineData("""{"componentId":"x1","changedFields":[],"changedAt":"yesterday"}""")]
    [InlineData("""{"componentId":"x1","changedFields":[],"changedAt":5}""")]
    [InlineData("""{"componentId":"x1","changedFields":{},"changedAt":"2026-12-03T10:00:00Z"}""")]
    [InlineData("""{"componentId":"x1","changedFields":[1],"changedAt":"2026-12-03T10:00:00Z"}""")]
    [InlineData("""{"componentId":"x1","changedFields":[],"changedAt":"2026-12-03T10:00:00Z","inputChanged":null}""")]
    [InlineData("""{"componentId":"x1","changedFields":[],"changedAt":"2026-12-03T10:00:00Z","facts":{"enabled":"yes"}}""")]
    [InlineData("""{"componentId":"x1","changedFields":[],"changedAt":"2026-12-03T10:00:00Z","facts":[]}""")]
    public void Refuses_what_the_serializers_contract_refuses(string json)
    {
        var contract = () => JsonSerializer.Deserialize<ComponentChanged>(json, Contract);
        var converter = () => JsonSerializer.Deserialize<ComponentChanged>(json, OutboxEntry.JsonOptions);
        contract.Should().Throw<JsonException>();
        converter.Should().Throw<JsonException>();
    }

    [Fact]
    public void An_outbox_entry_of_a_change_reads_back_the_same_change()
    {
        var change = RandomChange(new Random(78)) with { Facts = new ComponentFacts { Phase = "on", Enabled = true } };
        OutboxEntry.Parse(Bos.Core.Outbox.Outbox.Serialize(change)).Message.Should().BeEquivalentTo(change);
    }
}
