namespace Bos.Simulator.Http;

/// <summary>Which simulated service a request path belongs to (by the modules' path prefixes).</summary>
public sealed class ServiceDirectory(IEnumerable<ISimulatorModule> modules)
{
    // Longest prefix first, so a root-mounted PCS ("") never shadows the others.
    private readonly (string Prefix, string Service)[] _prefixes = modules
        .Where(m => m.Service != "sim")
        .Select(m => (m.Prefix, m.Service))
        .OrderByDescending(p => p.Prefix.Length)
        .ToArray();

    public string? ServiceOf(PathString path)
    {
        foreach (var (prefix, service) in _prefixes)
        {
            if (prefix.Length == 0)
            {
                if (path.StartsWithSegments("/power-status") || path.StartsWithSegments("/transitions")) return service;
            }
            else if (path.StartsWithSegments(prefix))
            {
                return service;
            }
        }
        return null;
    }
}
