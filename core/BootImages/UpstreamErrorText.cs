using System.Text.Json;
using Bos.Core.Clients;

namespace Bos.Core.BootImages;

/// <summary>
/// Upstream's <c>exc_type_msg</c>: "&lt;ExceptionType&gt;: &lt;message&gt;", with the upstream name where a Bos exception
/// stands for one (ApiResponseException words its message like upstream's ApiResponseError); other exceptions keep
/// their .NET name (e.g. HttpRequestException where upstream had requests' ConnectionError).
/// </summary>
internal static class UpstreamErrorText
{
    public static string Of(Exception error) => $"{Name(error)}: {error.Message}";

    public static string Name(Exception error) => error switch
    {
        ApiResponseException => "ApiResponseError",
        ManifestTooBigException => "ManifestTooBig",
        ManifestNotFoundException => "ManifestNotFound",
        JsonException => "JSONDecodeError",
        _ => error.GetType().Name,
    };
}
