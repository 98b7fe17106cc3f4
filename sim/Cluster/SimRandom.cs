namespace Bos.Simulator.Cluster;

/// <summary>The simulator's one random source, seeded so that a run can be repeated.</summary>
public sealed class SimRandom(int seed)
{
    private readonly Random _random = new(seed);
    private readonly Lock _sync = new();

    public double NextDouble()
    {
        lock (_sync) return _random.NextDouble();
    }

    /// <summary>True with probability <paramref name="rate"/> (no draw at all when the rate is 0).</summary>
    public bool Chance(double rate) => rate > 0 && (rate >= 1 || NextDouble() < rate);

    /// <summary>A version-4 style GUID from the seeded source (BSS tokens, transition ids).</summary>
    public Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        lock (_sync) _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
