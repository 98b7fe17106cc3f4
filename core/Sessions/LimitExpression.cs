namespace Bos.Core.Sessions;

/// <summary>
/// A session's `limit` (OP-70), parsed once: comma-separated items, each an HSM group, partition or role name,
/// a component id, or "all"/"*", optionally prefixed by "&amp;" (and) or "!" (not), applied left to right.
/// Bos's deliberate differences from upstream (Q-08, docs/compatibility.md):
/// <list type="bullet">
/// <item>A limit whose first item has an operator starts from all of the boot set's nodes: "!x1" means "all but
/// x1" and "&amp;g" means "the boot set's nodes in g" (upstream started from nothing, so such limits selected nothing).</item>
/// <item>Blanks around items are ignored ("x1, x2" names two nodes; upstream looked for a node named " x2").</item>
/// <item>Empty items ("a,,b", a trailing comma, a blank limit), an operator without a name, and more than one
/// operator ("!!x") are errors reported when the session is created (upstream's setup crashed or matched nothing).</item>
/// </list>
/// Names stay case-sensitive and are not canonicalised, as upstream.
/// </summary>
public sealed class LimitExpression
{
    private LimitExpression(IReadOnlyList<LimitItem> items) => Items = items;

    /// <summary>No limit: null or "" (the spec's "same as specifying no limit").</summary>
    public static LimitExpression None { get; } = new([]);

    public IReadOnlyList<LimitItem> Items { get; }

    public bool IsUnlimited => Items.Count == 0;

    /// <summary>Parses a limit; on failure <paramref name="error"/> is the text for a 400 at session creation.</summary>
    public static bool TryParse(string? limit, out LimitExpression expression, out string? error)
    {
        expression = None;
        error = null;
        if (string.IsNullOrEmpty(limit)) return true;

        var parts = limit.Split(',');
        var items = new List<LimitItem>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            if (ParseItem(parts[i].Trim(), out var item) is { } problem)
            {
                error = $"Invalid session limit: item {i + 1} of {parts.Length} ('{parts[i]}') {problem}";
                return false;
            }
            items.Add(item!);
        }
        expression = new LimitExpression(items);
        return true;
    }

    /// <exception cref="FormatException">The limit is invalid (see <see cref="TryParse"/>).</exception>
    public static LimitExpression Parse(string? limit) =>
        TryParse(limit, out var expression, out var error) ? expression : throw new FormatException(error);

    /// <summary>
    /// The nodes of <paramref name="nodes"/> (one boot set's, after its other filters) that the limit selects.
    /// <paramref name="inventory"/> maps an HSM group, partition or role name to its members (null: not a name
    /// there, so the item is a component id).
    /// </summary>
    public IReadOnlySet<string> Apply(IReadOnlySet<string> nodes, Func<string, IEnumerable<string>?> inventory)
    {
        if (IsUnlimited) return nodes;
        var selected = Items[0].Operator == LimitOperator.Union ? new HashSet<string>() : new HashSet<string>(nodes);
        foreach (var item in Items)
        {
            var members = item.IsAll ? nodes : inventory(item.Name) ?? [item.Name];
            switch (item.Operator)
            {
                case LimitOperator.Union: selected.UnionWith(members); break;
                case LimitOperator.Intersect: selected.IntersectWith(members); break;
                case LimitOperator.Except: selected.ExceptWith(members); break;
            }
        }
        selected.IntersectWith(nodes);
        return selected;
    }

    public override string ToString() => string.Join(',', Items);

    private static string? ParseItem(string text, out LimitItem? item)
    {
        item = null;
        if (text.Length == 0) return "is empty";
        var op = text[0] switch { '&' => LimitOperator.Intersect, '!' => LimitOperator.Except, _ => LimitOperator.Union };
        var name = op == LimitOperator.Union ? text : text[1..].TrimStart();
        if (name.Length == 0) return "has an operator but no name";
        if (name[0] is '&' or '!') return "has more than one operator";
        item = new LimitItem(op, name);
        return null;
    }
}
