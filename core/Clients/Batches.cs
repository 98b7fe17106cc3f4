namespace Bos.Core.Clients;

/// <summary>Splits id lists for services that take them in bounded requests.</summary>
public static class Batches
{
    /// <summary>
    /// Consecutive chunks no larger than the smallest positive limit; limits of 0 or less mean "no limit"
    /// (max_component_batch_size = 0 is unlimited). An empty list gives no chunks.
    /// </summary>
    public static IEnumerable<IReadOnlyList<T>> Of<T>(IReadOnlyCollection<T> items, params int[] limits)
    {
        var positive = limits.Where(l => l > 0).ToArray();
        var size = positive.Length == 0 ? int.MaxValue : positive.Min();
        var list = items as IReadOnlyList<T> ?? items.ToList();
        for (var start = 0; start < list.Count; start += size)
        {
            var count = Math.Min(size, list.Count - start);
            yield return start == 0 && count == list.Count ? list : list.Skip(start).Take(count).ToList();
        }
    }
}
