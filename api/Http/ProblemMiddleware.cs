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
        catch (ProblemException problem) when (!context.Response.HasStarted)
        {
            await Problems.Write(context, problem.Status, problem.Title, problem.Detail);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // The server's own request checks while the body is read (e.g. its body size limit: 413).
            await Problems.Write(context, ex.StatusCode, Problems.Title(ex.StatusCode), ex.Message);
        }
        catch (TenantLookupException ex) when (!context.Response.HasStarted)
        {
            // Upstream let TAPMS failures surface as 500; the failing dependency is named here instead.
            logger.LogError(ex, "Tenant lookup failed");
            await Problems.Write(context, 503, "Service Unavailable", ex.Message);
        }
        catch (System.Text.Json.JsonException ex) when (!context.Response.HasStarted)
        {
            await Problems.Write(context, 400, "Bad Request", "Error parsing the data provided: " + ex.Message);
        }
        catch (Exception ex) when (RedisErrors.IsUnavailable(ex) && !context.Response.HasStarted)
        {
            logger.LogError(ex, "Redis unavailable");
            await Problems.Write(context, 503, "Unable to connect to the Redis database", ex.Message);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Unhandled error in {Method} {Path}", context.Request.Method, context.Request.Path);
            await Problems.Write(context, 500, "Internal Server Error", "An internal error occurred: " + ex.GetType().Name);
        }
    }
}
