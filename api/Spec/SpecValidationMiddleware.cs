using Bos.Api.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Bos.Api.Spec;

/// <summary>
/// Validates a request's path, query and header parameters and its JSON body against the upstream spec's
/// operation of the routed endpoint (<see cref="SpecEndpointExtensions.WithSpec"/>), as connexion did (API-03,
/// API-05). It runs after routing and before the endpoint, so that handler parameters are bound from what was
/// validated: the parsed body is handed over through <see cref="ValidatedBody"/>, and bindable query types only
/// ever see values the spec accepted. The checks themselves are <see cref="SpecRequestCheck"/>'s, which the
/// RabbitMQ commands run too.
/// </summary>
public sealed class SpecValidationMiddleware(RequestDelegate next, SpecRequestCheck check, IOptions<ApiLimits> limits)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<SpecOperation>() is { } operation)
        {
            check.Parameters(operation, parameter => parameter.In switch
            {
                "path" => http.Request.RouteValues[parameter.Name]?.ToString(),
                "query" => http.Request.Query.TryGetValue(parameter.Name, out var q) ? q.ToString() : null,
                "header" => http.Request.Headers.TryGetValue(parameter.Name, out var h) ? h.ToString() : null,
                _ => null,
            });
            if (operation.BodySchema is not null) await ReadBody(http, operation);
        }
        await next(http);
    }

    private async Task ReadBody(HttpContext http, SpecOperation operation)
    {
        var limit = limits.Value.MaxRequestBodyBytes;
        // Kestrel's own limit (30 MB by default) becomes the setting's; either way an oversized body is a 413.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        if (http.Request.ContentLength > limit) throw SpecRequestCheck.TooLarge(limit);
        var bytes = await ReadBounded(http.Request.Body, http.Request.ContentLength, limit, http.RequestAborted);
        ValidatedBody.Store(http, check.Body(operation, bytes, http.Request.ContentType));
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBounded(Stream body, long? length, long limit, CancellationToken ct)
    {
        // Sized by Content-Length when there is one (a reporter's PATCH is a few hundred bytes): a fixed 80 KB chunk per
        // request was a sixth of the API's allocations during a 10,000-node reboot. The body must stay in memory for the
        // handler, so it is not pooled.
        var buffer = new MemoryStream((int)Math.Min(limit, length ?? 4096));
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) throw SpecRequestCheck.TooLarge(limit);
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
