using System.Text.Json;
using System.Text.Json.Nodes;
using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Json;

namespace Bos.Core.Integration;

/// <summary>
/// Turns one relay round's outbox entries into public events. Session, template and options changes are one event
/// each. Component changes are batched: per round, one event per (type, session) whose data lists every component
/// that had it, so a reboot of N nodes costs a few messages per relay round, not several per node.
/// </summary>
public static class PublicEventMapper
{
    /// <summary>An outbox entry: its stored UTF-8 bytes (the source of its event id) and the internal event it holds.</summary>
    public readonly record struct Entry(byte[] Raw, object Message);

    /// <summary>The sessions named by the round's component changes (whose tenants the caller resolves).</summary>
    public static IReadOnlySet<string> ComponentSessions(IEnumerable<Entry> entries) =>
        entries.Select(e => e.Message).OfType<ComponentChanged>().Select(c => ComponentInputSummary.FactsOf(c).Session).Where(s => s.Length > 0).ToHashSet();

    public static IReadOnlyList<PublicEvent> Map(IReadOnlyList<Entry> entries, IReadOnlyDictionary<string, string?> sessionTenants)
    {
        var events = new List<PublicEvent>();
        var components = new List<(string Type, string Session, ComponentEventItem Item)>();
        foreach (var (raw, message) in entries)
        {
            // Hashed only for an entry that becomes an event (many component writes change nothing others see).
            var id = message is ComponentChanged ? "" : PublicEvent.IdOf(raw);
            switch (message)
            {
                case SessionCreated e:
                    events.Add(new(id, PublicEventTypes.SessionCreated, e.SessionName, e.Tenant, e.SessionName, e.CreatedAt, Data(new() { ["session"] = Node(e.Session) })));
                    break;
                case SessionUpdated e when SessionTransition(e) is { } type:
                    var data = new JsonObject { ["session"] = Node(e.Session) };
                    if (type == PublicEventTypes.SessionCompleted && e.ExtendedStatus is not null) data["extended_status"] = Node(e.ExtendedStatus);
                    events.Add(new(id, type, e.SessionName, e.Tenant, e.SessionName, e.UpdatedAt, Data(data)));
                    break;
                case SessionDeleted e:
                    events.Add(new(id, PublicEventTypes.SessionDeleted, e.SessionName, e.Tenant, e.SessionName, e.DeletedAt, Data(Named(e.SessionName, e.Tenant))));
                    break;
                case SessionTemplateSaved e:
                    var saved = Named(e.TemplateName, e.Tenant);
                    saved["template"] = Node(e.Template);
                    events.Add(new(id, PublicEventTypes.TemplateSaved, e.TemplateName, e.Tenant, null, e.SavedAt, Data(saved)));
                    break;
                case SessionTemplateDeleted e:
                    events.Add(new(id, PublicEventTypes.TemplateDeleted, e.TemplateName, e.Tenant, null, e.DeletedAt, Data(Named(e.TemplateName, e.Tenant))));
                    break;
                case OptionsChanged e:
                    events.Add(new(id, PublicEventTypes.OptionsChanged, null, null, null, e.ChangedAt, Data(new() { ["options"] = Node(e.Options) })));
                    break;
                case ComponentChanged e:
                    ComponentEventItem? item = null;
                    foreach (var type in ComponentTransitions(e))
                    {
                        // One item per change, shared by every event type it belongs to.
                        item ??= ComponentItem(PublicEvent.IdOf(raw), e);
                        components.Add((type, ComponentInputSummary.FactsOf(e).Session, item));
                    }
                    break;
            }
        }
        foreach (var group in components.GroupBy(c => (c.Type, c.Session)))
        {
            var items = group.Select(c => c.Item).ToList();
            var batchId = PublicEvent.IdOf(group.Key.Type + ":" + string.Join(',', items.Select(i => i.EventId)));
            var session = group.Key.Session.Length == 0 ? null : group.Key.Session;
            events.Add(new(batchId, group.Key.Type, session, session is null ? null : sessionTenants.GetValueOrDefault(session), session,
                items.Max(i => i.ChangedAt), new ComponentEventBatch(group.Key.Session, items)));
        }
        return events;
    }

    /// <summary>The session event a change is, if any: it started running, or it completed.</summary>
    public static string? SessionTransition(SessionUpdated change)
    {
        var status = change.Session.Status?.Status;
        if (status == change.PreviousStatus) return null;
        return status switch
        {
            SessionStatusLabels.Running => PublicEventTypes.SessionRunning,
            SessionStatusLabels.Complete => PublicEventTypes.SessionCompleted,
            _ => null,
        };
    }

    /// <summary>The component events a change is: its phase changed, it became failed, it became stable (not when created).</summary>
    public static IEnumerable<string> ComponentTransitions(ComponentChanged change)
    {
        var facts = ComponentInputSummary.FactsOf(change);
        if ((change.PreviousPhase ?? "") != facts.Phase) yield return PublicEventTypes.ComponentPhaseChanged;
        if (change.PreviousStatus is null) yield break;
        var status = facts.Status;
        if (status == change.PreviousStatus) yield break;
        if (status == Statuses.Failed) yield return PublicEventTypes.ComponentFailed;
        if (status == Statuses.Stable) yield return PublicEventTypes.ComponentStable;
    }

    private static ComponentEventItem ComponentItem(string eventId, ComponentChanged change)
    {
        var c = ComponentInputSummary.FactsOf(change);
        return new(eventId, change.ComponentId, c.Phase, change.PreviousPhase ?? "", c.Status, c.Enabled, c.Error, change.ChangedAt,
            change.PreviousStatus, c.LastAction);
    }

    private static DocumentData Data(JsonObject json) => new(json);

    private static JsonObject Named(string name, string? tenant)
    {
        var data = new JsonObject { ["name"] = name };
        if (tenant is not null) data["tenant"] = tenant;
        return data;
    }

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, BosJson.Options)!;
}
