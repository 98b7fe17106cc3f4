using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Integration;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Integration;

public sealed class PublicEventMapperTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static PublicEventMapper.Entry Entry(object message) => new(Core.Outbox.Outbox.SerializeToUtf8(message), message);

    private static IReadOnlyList<PublicEvent> Map(params object[] messages) =>
        PublicEventMapper.Map(messages.Select(Entry).ToList(), new Dictionary<string, string?> { ["s1"] = "blue" });

    private static Session Session(string status) => new()
    {
        Name = "s1", Tenant = "blue", Operation = "reboot", TemplateName = "t", Status = new SessionStatus { Status = status, StartTime = "2026-12-02T10:00:00" },
    };

    private static ComponentChanged Change(string id, string? previousPhase, string? previousStatus, string phase,
        string? statusOverride = null, string session = "s1") => new()
        {
            ComponentId = id, ChangedFields = ["status"], ChangedAt = At, PreviousPhase = previousPhase, PreviousStatus = previousStatus,
            Component = new Component { Id = id, Session = session, Enabled = true, Status = new ComponentStatus { Phase = phase, StatusOverride = statusOverride ?? "" } },
        };

    [Theory]
    [InlineData("pending", "running", PublicEventTypes.SessionRunning)]
    [InlineData("running", "complete", PublicEventTypes.SessionCompleted)]
    [InlineData("pending", "complete", PublicEventTypes.SessionCompleted)]
    [InlineData("running", "running", null)]
    [InlineData("complete", "complete", null)]
    [InlineData(null, "pending", null)]
    public void A_session_change_is_a_public_event_only_when_its_status_becomes_running_or_complete(string? before, string after, string? expected) =>
        PublicEventMapper.SessionTransition(new SessionUpdated { SessionName = "s1", Session = Session(after), UpdatedAt = At, PreviousStatus = before })
            .Should().Be(expected);

    [Theory]
    [InlineData(null, null, "", null, new string[0])]
    [InlineData(null, null, "powering_on", null, new[] { PublicEventTypes.ComponentPhaseChanged })]
    [InlineData("", "stable", "powering_off", null, new[] { PublicEventTypes.ComponentPhaseChanged })]
    [InlineData("configuring", "configuring", "", null, new[] { PublicEventTypes.ComponentPhaseChanged, PublicEventTypes.ComponentStable })]
    [InlineData("powering_on", "power_on_pending", "powering_on", "failed", new[] { PublicEventTypes.ComponentFailed })]
    [InlineData("", "failed", "", "failed", new string[0])]
    [InlineData("", "stable", "", null, new string[0])]
    public void A_component_change_is_the_events_of_its_phase_and_status_transitions(
        string? previousPhase, string? previousStatus, string phase, string? statusOverride, string[] expected) =>
        PublicEventMapper.ComponentTransitions(Change("x1", previousPhase, previousStatus, phase, statusOverride)).Should().Equal(expected);

    [Fact]
    public void The_component_changes_of_a_round_are_one_event_per_type_and_session_listing_every_component()
    {
        var events = Map(
            Change("x1", "", "stable", "powering_off"),
            Change("x2", "", "stable", "powering_off"),
            Change("x3", "configuring", "configuring", ""),
            Change("x4", "", "stable", "powering_off", session: "s2"));

        events.Select(e => (e.RoutingKey, e.Session, e.Tenant, Count: Data(e)["components"]!.AsArray().Count)).Should().BeEquivalentTo(new[]
        {
            (PublicEventTypes.ComponentPhaseChanged, "s1", "blue", 3),
            (PublicEventTypes.ComponentStable, "s1", "blue", 1),
            (PublicEventTypes.ComponentPhaseChanged, "s2", (string?)null, 1),
        });
        var stable = Data(events.Single(e => e.RoutingKey == PublicEventTypes.ComponentStable))["components"]![0]!;
        ((string)stable["id"]!, (string)stable["status"]!, (string)stable["previous_status"]!).Should().Be(("x3", "stable", "configuring"));
    }

    [Fact]
    public void The_same_entries_mapped_again_give_the_same_event_ids_so_a_consumer_can_deduplicate_a_republished_round()
    {
        var messages = new object[]
        {
            new SessionCreated { SessionName = "s1", Tenant = "blue", Session = Session("pending"), CreatedAt = At },
            Change("x1", "", "stable", "powering_off"),
        };
        // An entry is serialized once, when written (with its write time); a republished round reads the same text.
        var entries = messages.Select(Entry).ToList();
        var first = PublicEventMapper.Map(entries, new Dictionary<string, string?> { ["s1"] = "blue" });
        var again = PublicEventMapper.Map(entries, new Dictionary<string, string?> { ["s1"] = "blue" });
        again.Select(e => e.Id).Should().Equal(first.Select(e => e.Id));
        first.Select(e => e.Id).Should().OnlyHaveUniqueItems();
        Map(new SessionCreated { SessionName = "s1", Tenant = "blue", Session = Session("pending"), CreatedAt = At.AddSeconds(1) })[0].Id
            .Should().NotBe(first[0].Id, "another change is another event");
    }

    [Fact]
    public void An_entry_read_as_bytes_gets_the_id_earlier_builds_gave_it_read_as_text()
    {
        // Earlier builds hashed the entry decoded to a string: a round one of them published and this build publishes
        // again (after an upgrade mid-round) must carry the same ids.
        var created = new SessionCreated { SessionName = "s1", Tenant = "blue", Session = Session("pending"), CreatedAt = At };
        var entry = Entry(created);

        var id = PublicEventMapper.Map([entry], new Dictionary<string, string?>())[0].Id;

        id.Should().Be(PublicEvent.IdOf(System.Text.Encoding.UTF8.GetString(entry.Raw)));
        PublicEvent.IdOf("Fehler ü €").Should().Be(PublicEvent.IdOf(System.Text.Encoding.UTF8.GetBytes("Fehler ü €")));
    }

    [Fact]
    public void A_completed_session_event_carries_its_final_extended_status_and_names_tenant_and_session()
    {
        var status = new SessionExtendedStatus
        {
            ManagedComponentsCount = 2, PercentSuccessful = 100, Phases = new SessionExtendedStatusPhases { PercentComplete = 100 },
            ErrorSummary = new Dictionary<string, SessionErrorComponents>(), Timing = new SessionExtendedStatusTiming { StartTime = "a", EndTime = "b" },
        };
        var completed = Map(new SessionUpdated
        {
            SessionName = "s1", Tenant = "blue", Session = Session("complete"), UpdatedAt = At, PreviousStatus = "running", ExtendedStatus = status,
        }).Single();

        (completed.RoutingKey, completed.Type, completed.Tenant, completed.Session).Should()
            .Be((PublicEventTypes.SessionCompleted, "bos.session.completed.v1", "blue", "s1"));
        ((double)Data(completed)["extended_status"]!["percent_successful"]!).Should().Be(100);
        var cloudEvent = completed.ToCloudEvent("bos");
        ((string)cloudEvent["specversion"]!, (string)cloudEvent["type"]!, (string)cloudEvent["subject"]!, (string)cloudEvent["time"]!)
            .Should().Be(("1.0", "bos.session.completed.v1", "s1", "2026-12-02T10:00:00.000Z"));
    }

    [Fact]
    public void Templates_options_and_deletions_are_one_event_each()
    {
        var events = Map(
            new SessionTemplateSaved { TemplateName = "t", Template = new SessionTemplate { Name = "t" }, SavedAt = At },
            new SessionTemplateDeleted { TemplateName = "t", Tenant = "blue", DeletedAt = At },
            new SessionDeleted { SessionName = "s1", DeletedAt = At },
            new OptionsChanged { Options = new Dictionary<string, System.Text.Json.JsonElement>(), ChangedAt = At },
            new ComponentDeleted { ComponentId = "x1", DeletedAt = At });

        events.Select(e => (e.RoutingKey, e.Tenant)).Should().Equal(
            (PublicEventTypes.TemplateSaved, null), (PublicEventTypes.TemplateDeleted, "blue"), (PublicEventTypes.SessionDeleted, null),
            (PublicEventTypes.OptionsChanged, null));
    }

    // An entry as written since the facts: what the relay needs of the record, not the record.
    private static ComponentChanged Slim(ComponentChanged change) =>
        change with { Facts = Core.Components.ComponentInputSummary.Facts(change.Component!, change.InputChanged), Component = null };

    [Theory]
    [InlineData(null, null, "powering_on", null)]
    [InlineData("configuring", "configuring", "", null)]
    [InlineData("powering_on", "power_on_pending", "powering_on", "failed")]
    public void A_change_carrying_the_facts_is_the_same_events_as_one_carrying_the_record(string? previousPhase, string? previousStatus, string phase, string? statusOverride)
    {
        var full = Change("x1", previousPhase, previousStatus, phase, statusOverride) with
        {
            Component = new Component
            {
                Id = "x1", Session = "s1", Enabled = true, Error = "boom", LastAction = new LastAction { Action = "powering_on" },
                Status = new ComponentStatus { Phase = phase, StatusOverride = statusOverride ?? "" },
            },
        };
        var slim = Slim(full);

        PublicEventMapper.ComponentTransitions(slim).Should().Equal(PublicEventMapper.ComponentTransitions(full));
        static string Items(IReadOnlyList<PublicEvent> events) => string.Join('|', events.Select(e =>
        {
            var data = Data(e);
            foreach (var item in data["components"]!.AsArray()) item!.AsObject().Remove("event_id");
            return $"{e.RoutingKey} {e.Session} {e.Tenant} {data.ToJsonString()}";
        }));
        Items(Map(slim)).Should().Be(Items(Map(full))).And.Contain("boom").And.Contain("powering_on");
        Slim(full with { InputChanged = true }).Facts!.Fingerprint.Should().NotBeNullOrEmpty("an input change carries what the engine decides on");
        slim.Facts!.Fingerprint.Should().BeNull("a bookkeeping change does not cross the internal bus");
    }

    /// <summary>An event's data as its body carries it.</summary>
    private static System.Text.Json.Nodes.JsonObject Data(PublicEvent e) => e.ToCloudEvent("bos")["data"]!.AsObject();
}
