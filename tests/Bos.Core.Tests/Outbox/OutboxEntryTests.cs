using Bos.Contracts.Events;
using Bos.Core.Outbox;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.OutboxRelaying;

/// <summary>The outbox entry format: the event embedded as JSON, read in one pass, earlier builds' entries still read.</summary>
public sealed class OutboxEntryTests
{
    private static readonly ComponentDeleted Deleted = new() { ComponentId = "x1", DeletedAt = DateTimeOffset.Parse("2026-12-02T10:00:00Z") };

    [Fact]
    public void An_entry_embeds_its_event_as_json_and_reads_back_the_same_event()
    {
        var raw = Core.Outbox.Outbox.Serialize(Deleted);

        raw.Should().StartWith("""{"type":"Bos.Contracts.Events.ComponentDeleted","payload":{"componentId":"x1",""");
        var entry = OutboxEntry.Parse(raw);
        entry.Type.Should().Be(typeof(ComponentDeleted).FullName);
        entry.Message.Should().Be(Deleted);
        entry.WrittenAt!.Value.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 5000);
    }

    [Fact]
    public void Entries_written_one_after_another_on_one_thread_are_each_whole_however_large()
    {
        var large = new ComponentDeleted { ComponentId = new string('x', 100_000), DeletedAt = Deleted.DeletedAt };

        var first = Core.Outbox.Outbox.Serialize(Deleted);
        var big = Core.Outbox.Outbox.Serialize(large);
        var after = Core.Outbox.Outbox.Serialize(Deleted);

        OutboxEntry.Parse(first).Message.Should().Be(Deleted);
        OutboxEntry.Parse(big).Message.Should().Be(large);
        OutboxEntry.Parse(after).Message.Should().Be(Deleted);
        after.Length.Should().Be(first.Length, "nothing of an earlier entry is left in a later one");
    }

    [Fact]
    public void An_entry_of_an_earlier_build_with_the_event_as_an_escaped_string_is_still_read()
    {
        const string raw = """{"type":"Bos.Contracts.Events.ComponentDeleted","payload":"{\"componentId\":\"x1\",\"deletedAt\":\"2026-12-02T10:00:00+00:00\"}","writtenAt":42}""";

        var entry = OutboxEntry.Parse(raw);

        entry.Message.Should().Be(Deleted);
        (entry.WrittenAt, entry.TraceParent).Should().Be((42L, (string?)null));
    }

    [Fact]
    public void An_entry_whose_event_comes_before_its_type_is_read_all_the_same()
    {
        const string raw = """{"traceParent":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01","payload":{"componentId":"x1","deletedAt":"2026-12-02T10:00:00Z"},"type":"Bos.Contracts.Events.ComponentDeleted"}""";

        var entry = OutboxEntry.Parse(raw);

        entry.Message.Should().Be(Deleted);
        entry.TraceParent.Should().Be("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    [Fact]
    public void An_entry_of_an_unknown_type_or_read_for_its_time_only_has_no_event()
    {
        var unknown = OutboxEntry.Parse("""{"type":"Bos.Contracts.Events.NoSuchEvent","payload":{"a":{"b":[1,2]}},"writtenAt":7}""");
        unknown.Message.Should().BeNull();
        unknown.WrittenAt.Should().Be(7);

        OutboxEntry.Parse(Core.Outbox.Outbox.Serialize(Deleted), _ => null).Message.Should().BeNull();
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"payload":{}}""")]
    public void A_malformed_entry_is_refused(string raw) =>
        FluentActions.Invoking(() => OutboxEntry.Parse(raw)).Should().Throw<System.Text.Json.JsonException>();
}
