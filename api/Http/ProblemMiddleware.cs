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
        }
        catch (ProblemException problem) when (!context.Response.HasStarted)
        {
            await Problems.Write(context, problem.Status, problem.Title, problem.Detail);
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
