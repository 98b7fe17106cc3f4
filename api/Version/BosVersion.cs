namespace Bos.Api.Version;

/// <summary>
/// The BOS release this implementation is compatible with: reported by the version endpoints (API-20..22) and as
/// the generated OpenAPI document's version. Upstream read it from its spec's `info.version`, which the build
/// stamps with the release (the copy embedded here keeps the placeholder "0.0.0-api").
/// </summary>
public static class BosVersion
{
    public const string Release = "2.50.0";

    /// <summary>The version body: numbers as strings (upstream's `Version` schema), with the given links.</summary>
    public static VersionInfo Describe(IReadOnlyList<Link> links)
    {
        var parts = Release.Split('.');
        return new VersionInfo(parts[0], parts[1], parts[2], links);
    }
}

/// <summary>Upstream's `Version` schema.</summary>
public sealed record VersionInfo(string Major, string Minor, string Patch, IReadOnlyList<Link> Links);

/// <summary>Upstream's `Link` schema.</summary>
public sealed record Link(string Href, string Rel);
