using Bos.Api.Spec;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bos.Api.Version;

/// <summary>
/// GET /, /v2 and /v2/version (API-20..22). Links are absolute URLs of the request's host, under the gateway
/// prefix /apis/bos when the request came through it (API-12). Q-22 fixed: `self` is the requested resource and
/// `versions` the root's version list (upstream had `self` → root and `versions` → /v2).
/// </summary>
public sealed class VersionModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/", GetVersions).WithSpec("root_get").WithTags("version").AllowAnonymous().Produces<VersionInfo[]>();
        app.MapGet("/v2", GetV2).WithSpec("get_v2").WithTags("version").AllowAnonymous().Produces<VersionInfo>();
        app.MapGet("/v2/version", GetV2Version).WithSpec("get_version_v2").WithTags("version").AllowAnonymous().Produces<VersionInfo>();
    }

    public static Ok<VersionInfo[]> GetVersions(HttpRequest request) =>
        TypedResults.Ok(new[] { BosVersion.Describe([new Link(Url(request, "/"), "self")]) });

    public static Ok<VersionInfo> GetV2(HttpRequest request) => TypedResults.Ok(Describe(request, "/v2"));

    public static Ok<VersionInfo> GetV2Version(HttpRequest request) => TypedResults.Ok(Describe(request, "/v2/version"));

    /// <summary>A version document whose `self` is <paramref name="self"/> and `versions` the root (also /v1's).</summary>
    public static VersionInfo Describe(HttpRequest request, string self) =>
        BosVersion.Describe([new Link(Url(request, self), "self"), new Link(Url(request, "/"), "versions")]);

    /// <summary>Scheme, host and path base (set by UsePathBase when the request came under /apis/bos) plus the path.</summary>
    private static string Url(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}
