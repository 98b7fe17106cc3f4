using System.Net.ServerSentEvents;
using System.Text.Json;
using Bos.Api.Http;
using Bos.Api.Sessions;
using Bos.Contracts.Resources;
using Bos.Core.Json;

namespace Bos.Api.Dashboard;

/// <summary>
/// The live feed of a tenant's session list (every session without a tenant, as GET /v2/sessions): one row per
/// session, its record and its extended status with the ETA. Events:
///   <c>sessions</c>  <c>{"upsert": [row, …], "remove": [name, …]}</c>, the rows that changed and the sessions that went;
///   a snapshot is one <c>sessions</c> event with every row.
/// A running session's status is computed on every read (it reads the session's components); a complete one's is
/// its saved status, read once and kept while the record is unchanged.
/// </summary>
public sealed class SessionListFeedSource(SessionService sessions, string? tenant) : IFeedSource
{
    private static readonly SessionListQuery Everything = new(null, null, null);
    private Dictionary<string, (string Record, string Row)> _rows = new(StringComparer.Ordinal);

    public async Task<FeedRead> ReadAsync(CancellationToken ct)
    {
        var rows = new Dictionary<string, (string Record, string Row)>(StringComparer.Ordinal);
        foreach (var session in await sessions.ListAsync(tenant, Everything))
        {
            var key = (session.Tenant ?? "") + "/" + session.Name;
            var record = BosJson.Serialize(session);
            if (_rows.TryGetValue(key, out var known) && known.Record == record && session.Status?.Status == SessionStatusLabels.Complete)
            {
                rows[key] = known;
                continue;
            }
            try
            {
                var status = (await sessions.ObserveAsync(session.Tenant, session.Name!, withEta: true, withMembers: false, ct)).Status;
                rows[key] = (record, BosJson.Serialize(new SessionRow(session, status)));
            }
            catch (ProblemException e) when (e.Status == 404) { } // deleted since the list was read
        }

        var upsert = rows.Where(r => !_rows.TryGetValue(r.Key, out var old) || old.Row != r.Value.Row).Select(r => r.Value.Row).ToList();
        var remove = _rows.Keys.Where(k => !rows.ContainsKey(k)).ToList();
        _rows = rows;
        var changes = upsert.Count + remove.Count == 0 ? [] : new[] { Event(upsert, remove) };
        var all = rows.Values.Select(r => r.Row).ToList();
        return new FeedRead(changes, () => [Event(all, [])]);
    }

    /// <summary>Rows are already JSON: spliced in, not serialized again.</summary>
    private static SseItem<string> Event(IReadOnlyList<string> upsert, IReadOnlyList<string> remove) =>
        new("{\"upsert\":[" + string.Join(',', upsert) + "],\"remove\":" + JsonSerializer.Serialize(remove) + "}", "sessions");

    /// <summary>A row of the list: the session (as GET /v2/sessions/{id}) and its extended status with the ETA.</summary>
    public sealed record SessionRow(Session Session, SessionExtendedStatus ExtendedStatus)
    {
        public string Key => (Session.Tenant ?? "") + "/" + Session.Name;
    }
}
