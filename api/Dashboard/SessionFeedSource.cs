using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Bos.Api.Http;
using Bos.Api.Sessions;
using Bos.Core.Components;
using Bos.Core.Json;

namespace Bos.Api.Dashboard;

/// <summary>
/// The live feed of one session for one tenant: each read gets the session, its extended status with the ETA and
/// its components once (<see cref="SessionService.ObserveAsync"/>, over the session component index), and sends
///   <c>status</c>   the extended status (with <c>eta</c>), when it changed;
///   <c>nodes</c>    every node id and its state code (<see cref="NodeDisplayStateRule"/>), when the set of nodes changed;
///   <c>changes</c>  <c>{"changes": {id: code}}</c> for the nodes whose state changed, otherwise;
///   <c>gone</c>     when the session no longer exists (the feed ends).
/// A snapshot is <c>status</c> then <c>nodes</c>.
/// </summary>
public sealed class SessionFeedSource(SessionService sessions, string? tenant, string name) : IFeedSource
{
    private string? _status;
    private List<string> _ids = [];
    private Dictionary<string, char> _states = new(StringComparer.Ordinal);

    public async Task<FeedRead> ReadAsync(CancellationToken ct)
    {
        SessionObservation observed;
        try
        {
            observed = await sessions.ObserveAsync(tenant, name, withEta: true, withMembers: true, ct);
        }
        catch (ProblemException e) when (e.Status == 404)
        {
            var gone = new SseItem<string>(JsonSerializer.Serialize(new { detail = e.Detail }), "gone");
            return new FeedRead([gone], () => [gone], Final: true);
        }

        var status = BosJson.Serialize(observed.Status);
        var states = new Dictionary<string, char>(observed.Members.Count, StringComparer.Ordinal);
        foreach (var c in observed.Members) states[c.Id!] = NodeDisplayStateRule.Code(NodeDisplayStateRule.Of(c, name));

        var changes = new List<SseItem<string>>();
        if (status != _status) changes.Add(new SseItem<string>(status, "status"));
        var sameNodes = states.Count == _states.Count && states.Keys.All(_states.ContainsKey);
        if (!sameNodes)
        {
            _ids = states.Keys.Order(StringComparer.Ordinal).ToList();
            changes.Add(NodesEvent(_ids, states));
        }
        else
        {
            var changed = states.Where(s => _states[s.Key] != s.Value).ToDictionary(s => s.Key, s => s.Value.ToString());
            if (changed.Count > 0) changes.Add(new SseItem<string>(JsonSerializer.Serialize(new { changes = changed }), "changes"));
        }
        (_status, _states) = (status, states);
        var ids = _ids;
        return new FeedRead(changes, () => [new SseItem<string>(status, "status"), NodesEvent(ids, states)]);
    }

    /// <summary>Ids in id order and one code character per id: about 16 bytes a node, 160 kB at 10,000.</summary>
    private static SseItem<string> NodesEvent(IReadOnlyList<string> ids, IReadOnlyDictionary<string, char> states)
    {
        var codes = new StringBuilder(ids.Count);
        foreach (var id in ids) codes.Append(states[id]);
        return new SseItem<string>(JsonSerializer.Serialize(new { legend = NodeDisplayStateRule.Legend, ids, codes = codes.ToString() }), "nodes");
    }
}
