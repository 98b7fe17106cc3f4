using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Json;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>History entries are stored as the bytes the serializer gave them before they were written directly.</summary>
public sealed class ComponentHistoryJsonTests
{
    [Theory]
    [MemberData(nameof(ComponentHistoryTests.Writes), MemberType = typeof(ComponentHistoryTests))]
    public void Every_entry_a_write_adds_is_stored_byte_for_byte_as_the_serializer_wrote_it(string write, Component? before, Component after, string[] kinds)
    {
        var entries = ComponentHistory.Between(before, after, DateTimeOffset.UnixEpoch);

        entries.Should().HaveCount(kinds.Length, write);
        foreach (var entry in entries) Bytes(entry).Should().Be(Serialized(entry), write);
    }

    public static TheoryData<string, ComponentHistoryEntry> Unusual => new()
    {
        { "no session", new ComponentHistoryEntry { Time = "t", Kind = HistoryKinds.Disabled, Details = new Dictionary<string, object?>() } },
        { "no details, a summary", new ComponentHistoryEntry { Time = "t", Kind = "k", Session = "s", Summary = "line" } },
        { "nothing but the session", new ComponentHistoryEntry() },
        {
            "quotes, control characters, markup and non-ASCII text",
            new ComponentHistoryEntry
            {
                Time = "t", Kind = HistoryKinds.Error, Session = "s\"1",
                Details = new Dictionary<string, object?> { ["error"] = "Fehler: \"Knoten\" ü <b>&</b>\n\ttab \u0001 \u2028 😀" },
            }
        },
        {
            "details of every kind of value",
            new ComponentHistoryEntry
            {
                Time = "t", Kind = "k", Session = "s",
                Details = new Dictionary<string, object?> { ["none"] = null, ["yes"] = true, ["no"] = false, ["n"] = -3, ["big"] = 1L << 40, ["when"] = DateTimeOffset.UnixEpoch },
            }
        },
        {
            "an error longer than the kept buffer",
            new ComponentHistoryEntry { Time = "t", Kind = HistoryKinds.Error, Session = "s", Details = new Dictionary<string, object?> { ["error"] = new string('e', 40_000) } }
        },
    };

    [Theory]
    [MemberData(nameof(Unusual))]
    public void An_unusual_entry_is_stored_byte_for_byte_as_the_serializer_writes_it(string entryKind, ComponentHistoryEntry entry)
    {
        Bytes(entry).Should().Be(Serialized(entry), entryKind);
        Bytes(entry).Should().Be(Serialized(entry), "written again on the same thread, after " + entryKind);
    }

    private static string Bytes(ComponentHistoryEntry entry) => System.Text.Encoding.UTF8.GetString(ComponentHistoryJson.SerializeToUtf8(entry));

    private static string Serialized(ComponentHistoryEntry entry) => System.Text.Encoding.UTF8.GetString(BosJson.SerializeToUtf8(entry));
}
