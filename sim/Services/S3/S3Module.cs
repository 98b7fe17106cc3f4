using System.Globalization;
using System.Security;
using Bos.Simulator.Http;
using Bos.Simulator.Services.Ims;

namespace Bos.Simulator.Services.S3;

/// <summary>
/// An S3 subset (EXT-60), path-style at /s3/{bucket}/{key}: GET and HEAD (ETag quoted, Content-Length), plus PUT and
/// DELETE so demos and tests can publish their own manifests. Authentication headers are accepted and ignored.
/// </summary>
public sealed class S3Module : ISimulatorModule
{
    public string Service => "s3";

    public string Prefix => "/s3";

    public void Map(IEndpointRouteBuilder app)
    {
        var s3 = app.MapGroup(Prefix);
        s3.MapMethods("/{bucket}/{**key}", ["GET", "HEAD"], (string bucket, string key, HttpContext context, ImageCatalog catalog) =>
        {
            if (catalog.Object(bucket, key) is not { } obj)
                return Error(catalog.BucketExists(bucket) ? "NoSuchKey" : "NoSuchBucket", $"/{bucket}/{key}", HttpMethods.IsHead(context.Request.Method));
            var headers = context.Response.Headers;
            headers.ETag = $"\"{obj.ETag}\"";
            headers.LastModified = obj.LastModified.ToString("R", CultureInfo.InvariantCulture);
            headers["x-amz-request-id"] = context.TraceIdentifier;
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.ContentLength = obj.Body.Length;
                context.Response.ContentType = obj.ContentType;
                return Results.Empty;
            }
            return Results.Bytes(obj.Body, obj.ContentType);
        });
        s3.MapPut("/{bucket}/{**key}", async (string bucket, string key, HttpContext context, ImageCatalog catalog, TimeProvider time) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var obj = catalog.PutObject(bucket, key, buffer.ToArray(), context.Request.ContentType ?? "application/octet-stream", time.GetUtcNow());
            context.Response.Headers.ETag = $"\"{obj.ETag}\"";
            return Results.Ok();
        });
        s3.MapDelete("/{bucket}/{**key}", (string bucket, string key, ImageCatalog catalog) =>
        {
            catalog.DeleteObject(bucket, key);
            return Results.NoContent();
        });
    }

    /// <summary>S3's XML error (no body on HEAD, as S3 does).</summary>
    private static IResult Error(string code, string resource, bool head)
    {
        if (head) return Results.StatusCode(404);
        var message = code == "NoSuchKey" ? "The specified key does not exist." : "The specified bucket does not exist.";
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message>" +
                  $"<Resource>{SecurityElement.Escape(resource)}</Resource></Error>";
        return Results.Content(xml, "application/xml", statusCode: 404);
    }
}
