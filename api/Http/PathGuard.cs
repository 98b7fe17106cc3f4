using Microsoft.AspNetCore.Http.Features;

namespace Bos.Api.Http;

/// <summary>
/// Refuses, before routing, a request whose path has a segment that is not a plain name: `.` or `..` (also
/// percent-encoded, `%2E`, `%2e%2e`), or one that decodes to a `/` or `\` (`%2F`, `%5C`) or a control character.
/// Kestrel removes dot segments from the decoded path, so `DELETE /v2/sessions/.` (curl --path-as-is) reached the
/// unfiltered bulk delete and `GET /v2/sessions/..` the version document; the raw request target is checked here,
/// so such an id never reaches another route. No BOS id (xname, session or template name) is one of these.
/// </summary>
public sealed class PathGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if ((FirstBadSegment(raw) ?? FirstBadSegment(http.Request.PathBase + http.Request.Path)) is { } bad)
            return Problems.Write(http, 400, "Bad Request",
                $"Invalid path segment '{Shorten(bad)}': a path id can not be '.' or '..' or contain '/', '\\' or control characters");
        return next(http);
    }

    /// <summary>The first offending segment (as sent) of a request target or path; null when every segment is plain.</summary>
    public static string? FirstBadSegment(string? target)
    {
        if (string.IsNullOrEmpty(target)) return null;
        var query = target.IndexOf('?');
        var path = query < 0 ? target : target[..query];
        // An absolute-form target (http://host/path) carries the path after the authority.
        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var slash = path.IndexOf('/', path.IndexOf("//", StringComparison.Ordinal) + 2);
            path = slash < 0 ? "/" : path[slash..];
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0) continue;
            string decoded;
            try { decoded = Uri.UnescapeDataString(segment); }
            catch (UriFormatException) { return segment; }
            if (IsBadId(decoded)) return segment;
        }
        return null;
    }

    /// <summary>An id that could not be addressed as one path segment: `.`, `..`, a `/`, `\` or a control character.</summary>
    public static bool IsBadId(string id) =>
        id is "." or ".." || id.AsSpan().IndexOfAny('/', '\\') >= 0 || id.Any(char.IsControl);

    private static string Shorten(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
