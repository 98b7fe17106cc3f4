using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// Which components name a session, in <c>session</c> or <c>staged_state.session</c>: a sorted set per session name
/// ("components:session:{name}", all scores 0, so its members are in id order), changed by every component write in
/// the same atomic script as the record (<see cref="ComponentRepository"/>). A session's extended status, its
/// completion check and the session filters of GET and PATCH /v2/components read its members instead of every record.
/// <para>
/// The index is used once built ("components:session-index", set by <see cref="ComponentRepository.BuildSessionIndexAsync"/>
/// at the API's start over data written before it existed); until then readers scan. It may hold a stale member (a
/// build racing a write adds a session the record just left); readers check each record, so a stale member costs one
/// read, never a wrong answer, and the record's next write removes it.
/// </para>
/// </summary>
public static class SessionComponentIndex
{
    public const string ReadyKey = "components:session-index";

    public static string Key(string session) => "components:session:" + session;

    /// <summary>The session names a record is indexed under.</summary>
    public static IReadOnlySet<string> NamesOf(Component? record) => EachName(IndexedNames(record)).ToHashSet(StringComparer.Ordinal);

    /// <summary>What a write from <paramref name="before"/> to <paramref name="after"/> (null: deleted) changes in the index.</summary>
    public static IReadOnlyList<(bool Add, string Session)> Changes(Component? before, Component? after)
    {
        // A record names at most two sessions, and nearly every write keeps them: no sets for that (every component
        // write asks, and sets here were 5 % of the worker's allocations in a 10k reboot).
        var (was, @is) = (IndexedNames(before), IndexedNames(after));
        if (was == @is) return [];
        var changes = new List<(bool Add, string Session)>(2);
        foreach (var session in EachName(was)) if (!Contains(@is, session)) changes.Add((false, session));
        foreach (var session in EachName(@is)) if (!Contains(was, session)) changes.Add((true, session));
        return changes;
    }

    // The sessions a record is indexed under ("" is none).
    private static (string? Session, string? Staged) IndexedNames(Component? record) =>
        (string.IsNullOrEmpty(record?.Session) ? null : record.Session, string.IsNullOrEmpty(record?.StagedState?.Session) ? null : record.StagedState.Session);

    private static IEnumerable<string> EachName((string? Session, string? Staged) names)
    {
        if (names.Session is not null) yield return names.Session;
        if (names.Staged is not null && names.Staged != names.Session) yield return names.Staged;
    }

    private static bool Contains((string? Session, string? Staged) names, string session) => names.Session == session || names.Staged == session;

    /// <summary>Whether <paramref name="record"/> names <paramref name="session"/> (an index member may be stale).</summary>
    public static bool Names(Component record, string session) => record.Session == session || record.StagedState?.Session == session;
}
