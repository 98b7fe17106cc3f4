using Serilog;
using Serilog.Events;

namespace Bos.Api.Http;

/// <summary>
/// One event per request through Serilog.AspNetCore ("HTTP {RequestMethod} {RequestPath} responded {StatusCode} in
/// {Elapsed} ms"), carrying the session and component the request is about (route values <c>session_id</c> and
/// <c>component_id</c>) as <c>SessionId</c> / <c>ComponentId</c>, the names the workers' log scopes use, and the
/// session template (<c>session_template_id</c>) as <c>SessionTemplateId</c>. The same properties are a log scope
/// around the handler, so whatever it logs (a template's boot set warnings, a 500's error) carries them too.
/// Levels: 5xx or an exception at Error, 4xx at Information, the rest at Debug (upstream logs each call at debug
/// level), so the default INFO level shows refused and failed requests only and `logging_level` DEBUG shows them all.
/// Only method, path (without the query string), status and time are logged: no headers, so no Authorization.
/// </summary>
public static class RequestLogging
{
    private static readonly (string Route, string Property)[] Ids =
    [
        ("session_id", "SessionId"),
        ("component_id", "ComponentId"),
        ("session_template_id", "SessionTemplateId"),
    ];

    /// <summary>The request event; goes first so that it sees the full path (/apis/bos prefix included) and every failure.</summary>
    public static IApplicationBuilder UseBosRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o =>
        {
            // The host's own logger (AddBosLogging), not the static Log.
            o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = Level;
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                foreach (var (property, value) in RouteIds(http)) diagnostics.Set(property, value);
            };
        });

    /// <summary>The log scope around the handler; goes after routing (UsePathBase re-runs it), so route values are known.</summary>
    public static IApplicationBuilder UseBosRequestLogScope(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Bos.Api.Requests");
        return app.Use(async (http, next) =>
        {
            var ids = RouteIds(http);
            using var scope = ids.Count == 0 ? null : logger.BeginScope(ids);
            await next(http);
        });
    }

    internal static LogEventLevel Level(HttpContext http, double elapsedMs, Exception? ex) =>
        ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
        : http.Response.StatusCode >= 400 ? LogEventLevel.Information
        : LogEventLevel.Debug;

    private static Dictionary<string, object?> RouteIds(HttpContext http)
    {
        var ids = new Dictionary<string, object?>();
        foreach (var (route, property) in Ids)
            if (http.GetRouteValue(route) is string value)
                ids[property] = value;
        return ids;
    }
}
