using Bos.Simulator.Options;

namespace Bos.Simulator.Cluster;

/// <summary>
/// Turns a node set (xnames plus ordinal ranges like "1-8,12") into member xnames in topology order. Ordinals past
/// the node count are dropped, so the demo's defaults still work on a smaller cluster; unknown xnames are an error.
/// </summary>
public sealed class NodeSetResolver(IReadOnlyList<string> xnames)
{
    private readonly Dictionary<string, int> _index =
        xnames.Select((xname, i) => (xname, i)).ToDictionary(p => p.xname, p => p.i, StringComparer.Ordinal);

    public IReadOnlyList<string> Resolve(NodeSetOptions set, string what)
    {
        var members = new SortedSet<int>();
        foreach (var xname in set.Nodes)
        {
            if (!_index.TryGetValue(xname, out var index))
                throw new InvalidOperationException($"Simulator: {what} names {xname}, which is not a node of the topology");
            members.Add(index);
        }
        foreach (var (from, to) in ParseRanges(set.Range, what))
            for (var ordinal = from; ordinal <= Math.Min(to, xnames.Count); ordinal++)
                members.Add(ordinal - 1);
        return members.Select(i => xnames[i]).ToList();
    }

    public static List<(int From, int To)> ParseRanges(string? ranges, string what)
    {
        var result = new List<(int, int)>();
        if (string.IsNullOrWhiteSpace(ranges)) return result;
        foreach (var item in ranges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = item.Split('-', 2, StringSplitOptions.TrimEntries);
            var from = ParseOrdinal(bounds[0]);
            var to = bounds.Length == 2 ? ParseOrdinal(bounds[1]) : from;
            if (from is null || to is null || to < from)
                throw new InvalidOperationException($"Simulator: {what} has an invalid ordinal range '{item}' (use e.g. 1-8,12)");
            result.Add((from.Value, to.Value));
        }
        return result;
    }

    private static int? ParseOrdinal(string text) => int.TryParse(text, out var value) && value >= 1 ? value : null;
}
