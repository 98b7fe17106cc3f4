using System.Net;

namespace Bos.Core.Clients;

/// <summary>
/// A non-2xx answer from a service, worded like upstream's ApiResponseError (EXT-01):
/// <c>Non-2XX response (&lt;code&gt;) to &lt;METHOD&gt; &lt;url&gt;; &lt;reason&gt; &lt;body&gt;</c>.
/// </summary>
public class ApiResponseException(string service, HttpStatusCode statusCode, string method, Uri? url, string? reason, string body)
    : Exception($"Non-2XX response ({(int)statusCode}) to {method} {url}; {reason} {body}")
{
    public string Service { get; } = service;

    public HttpStatusCode StatusCode { get; } = statusCode;

    public string Method { get; } = method;

    public Uri? Url { get; } = url;

    public string Body { get; } = body;
}

/// <summary>IMS answered 404 for an image id (upstream's ImageNotFound).</summary>
public sealed class ImageNotFoundException(string imageId, ApiResponseException inner)
    : Exception($"Image {imageId} not found in IMS: {inner.Message}", inner)
{
    public string ImageId { get; } = imageId;
}

/// <summary>TAPMS answered 404 for a tenant: callers turn it into 400 "Invalid tenant" (MT-02).</summary>
public sealed class InvalidTenantException(string tenant, ApiResponseException inner)
    : Exception($"The provided tenant does not exist: {tenant}", inner)
{
    public string Tenant { get; } = tenant;
}

/// <summary>A service answered 2xx with a body that lacks what BOS needs (e.g. HSM without "Components").</summary>
public sealed class ServiceResponseException(string message) : Exception(message);
