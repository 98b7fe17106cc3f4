using Bos.Api.Spec;
using Bos.Api.Versions;

namespace Bos.Api.Modules;

/// <summary>
/// GET /, /v2 and /v2/version (API-20..22). Links are absolute URLs of the request's host, under the gateway
/// prefix /apis/bos when the request came through it (API-12). Q-22 fixed: `self` is the requested resource and
/// `versions` the root's version list (upstream had `self` → root and `versions` → /v2).
/// </summary>
public sealed class VersionModule : IEndpointModule
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) =>
                Results.Json(new[] { BosVersion.Describe([new Link(Url(http, "/"), "self")]) }))
            .WithSpec("root_get").WithTags("version").Produces<VersionInfo[]>();

        app.MapGet("/v2", (HttpContext http) => Results.Json(V2(http, "/v2")))
            .WithSpec("get_v2").WithTags("version").Produces<VersionInfo>();

        app.MapGet("/v2/version", (HttpContext http) => Results.Json(V2(http, "/v2/version")))
            .WithSpec("get_version_v2").WithTags("version").Produces<VersionInfo>();
    }

    private static VersionInfo V2(HttpContext http, string self) =>
        BosVersion.Describe([new Link(Url(http, self), "self"), new Link(Url(http, "/"), "versions")]);

    /// <summary>Scheme, host and path base (set by UsePathBase when the request came under /apis/bos) plus the path.</summary>
    private static string Url(HttpContext http, string path) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{path}";
}
