using System.Reflection;

namespace Bos.Api.Dashboard;

/// <summary>
/// The dashboard's files (Dashboard/wwwroot), embedded in the API assembly as "ui/{name}": shipped inside Bos.Api.dll,
/// so every way the API is run or published serves them, with nothing fetched from elsewhere.
/// </summary>
public static class DashboardAssets
{
    private static readonly Assembly Assembly = typeof(DashboardAssets).Assembly;

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    /// <summary>The file's bytes and content type, or null when there is no such file.</summary>
    public static (byte[] Bytes, string ContentType)? Find(string name)
    {
        if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var type)) return null;
        using var stream = Assembly.GetManifestResourceStream("ui/" + name);
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return (copy.ToArray(), type);
    }
}
