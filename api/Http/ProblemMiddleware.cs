using Bos.Core.Redis;
using Bos.Core.Tenancy;

namespace Bos.Api.Http;

/// <summary>
/// Turns failures into upstream's problem+json bodies (API-02, API-07): <see cref="ProblemException"/> as given,
/// Redis or TAPMS unreachable as 503, anything else as 500 without internals.
/// </summary>
public sealed class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            // Errors written without a body by the server itself (no route: 404, wrong method: 405, a limit,
            // an authentication challenge) get the same problem+json body as every other error (API-02).
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400
                && context.Response.ContentLength is null or 0 && string.IsNullOrEmpty(context.Response.ContentType))
            {
                var status = context.Response.StatusCode;
                context.Response.ContentLength = null;
                await Problems.Write(context, status, Problems.Title(status), Problems.Detail(status));
            }
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            var (status, title, detail) = Describe(ex, logger, $"{context.Request.Method} {context.Request.Path}");
            await Problems.Write(context, status, title, detail);
        }
    }

    /// <summary>The problem a failure is answered with (also the RabbitMQ commands' reply); unexpected ones are logged.</summary>
    public static (int Status, string Title, string Detail) Describe(Exception ex, ILogger logger, string request)
    {
        switch (ex)
        {
            case ProblemException problem:
                return (problem.Status, problem.Title, problem.Detail);
            case BadHttpRequestException bad:
                // The server's own request checks while the body is read (e.g. its body size limit: 413).
                return (bad.StatusCode, Problems.Title(bad.StatusCode), bad.Message);
            case TenantLookupException:
                // Upstream let TAPMS failures surface as 500; the failing dependency is named here instead.
                logger.LogError(ex, "Tenant lookup failed");
                return (503, "Service Unavailable", ex.Message);
            case System.Text.Json.JsonException:
                return (400, "Bad Request", "Error parsing the data provided: " + ex.Message);
            case var _ when RedisErrors.IsUnavailable(ex):
                logger.LogError(ex, "Redis unavailable");
                return (503, "Unable to connect to the Redis database", ex.Message);
            default:
                logger.LogError(ex, "Unhandled error in {Request}", request);
                return (500, "Internal Server Error", "An internal error occurred: " + ex.GetType().Name);
        }
    }
}
