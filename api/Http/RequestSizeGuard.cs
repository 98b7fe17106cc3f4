using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Bos.Api.Http;

/// <summary>
/// Bos's own request-line and header limits (414 and 431 problem+json). Kestrel's limits are raised above them
/// (<see cref="ApiLimits.ServerMaxRequestLineBytes"/>, <see cref="ApiLimits.ServerMaxRequestHeadersBytes"/>), so a
/// request over Bos's limit still reaches the application and gets an RFC 7807 body; only a request over Kestrel's
/// raised limits is refused by Kestrel itself, before any application code runs, with a bare status (docs/security.md).
/// </summary>
public sealed class RequestSizeGuard(RequestDelegate next, IOptions<ApiLimits> limits)
{
    public Task InvokeAsync(HttpContext http)
    {
        var limit = limits.Value;
        var request = http.Request;
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.PathBase + request.Path + request.QueryString;
        // As Kestrel counts it: method, target and version, with their separators and the line end.
        var line = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length + 2;
        if (line > limit.MaxRequestLineBytes)
            return Problems.Write(http, 414, "URI Too Long",
                $"The request line is {line} bytes long; the limit is {limit.MaxRequestLineBytes} bytes (setting Api:MaxRequestLineBytes)");

        var count = 0;
        long bytes = 0;
        foreach (var (name, values) in request.Headers)
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        if (count > limit.MaxRequestHeaderCount)
            return Problems.Write(http, 431, "Request Header Fields Too Large",
                $"The request has {count} header fields; the limit is {limit.MaxRequestHeaderCount} (setting Api:MaxRequestHeaderCount)");
        if (bytes > limit.MaxRequestHeadersBytes)
            return Problems.Write(http, 431, "Request Header Fields Too Large",
                $"The request headers are {bytes} bytes long; the limit is {limit.MaxRequestHeadersBytes} bytes (setting Api:MaxRequestHeadersBytes)");
        return next(http);
    }

    /// <summary>Kestrel's own limits, raised to the server limits of <see cref="ApiLimits"/> (never below Bos's own).</summary>
    public static void ConfigureKestrel(KestrelServerOptions kestrel, ApiLimits limits)
    {
        kestrel.Limits.MaxRequestLineSize = Math.Max(limits.ServerMaxRequestLineBytes, limits.MaxRequestLineBytes + 1);
        kestrel.Limits.MaxRequestHeadersTotalSize = Math.Max(limits.ServerMaxRequestHeadersBytes, limits.MaxRequestHeadersBytes + 1);
        kestrel.Limits.MaxRequestHeaderCount = Math.Max(limits.ServerMaxRequestHeaderCount, limits.MaxRequestHeaderCount + 1);
    }
}
