using System.Net;
using System.Text.Json.Serialization;

namespace Bos.Core.Clients;

/// <summary>IMS calls BOS makes (EXT-50).</summary>
public interface IImsClient
{
    /// <summary>GET /images/{id}; a 404 is <see cref="ImageNotFoundException"/>.</summary>
    Task<ImsImage> GetImageAsync(string imageId, CancellationToken ct = default);

    /// <summary>PATCH /images/{id} {"metadata":{"operation":"set","key":..,"value":..}} (SBPS tagging, OP-20 step 3).</summary>
    Task TagImageAsync(string imageId, string key, string value, CancellationToken ct = default);
}

public sealed record ImsImage
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>"x86_64" or "aarch64"; a missing or null arch means x86_64, as upstream reads it.</summary>
    [JsonPropertyName("arch")] public string? RawArch { get; init; }

    [JsonIgnore] public string Arch => string.IsNullOrEmpty(RawArch) ? "x86_64" : RawArch;

    [JsonPropertyName("link")] public ImsLink? Link { get; init; }

    [JsonPropertyName("metadata")] public Dictionary<string, string>? Metadata { get; init; }
}

public sealed record ImsLink(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("etag")] string? Etag,
    [property: JsonPropertyName("type")] string? Type);

internal sealed class ImsClient(HttpClient http) : IImsClient
{
    private const string Service = "ims";

    public async Task<ImsImage> GetImageAsync(string imageId, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"images/{Uri.EscapeDataString(imageId)}", ct);
        await ThrowIfNotFound(response, imageId, ct);
        return await response.ReadAsync<ImsImage>(Service, ct);
    }

    public async Task TagImageAsync(string imageId, string key, string value, CancellationToken ct = default)
    {
        var body = new { metadata = new { operation = "set", key, value } };
        using var response = await http.SendJsonAsync(HttpMethod.Patch, $"images/{Uri.EscapeDataString(imageId)}", body, ct);
        await ThrowIfNotFound(response, imageId, ct);
        await response.EnsureSuccessAsync(Service, ct);
    }

    private static async Task ThrowIfNotFound(HttpResponseMessage response, string imageId, CancellationToken ct)
    {
        if (response.StatusCode != HttpStatusCode.NotFound) return;
        try { await response.EnsureSuccessAsync(Service, ct); }
        catch (ApiResponseException e) { throw new ImageNotFoundException(imageId, e); }
    }
}
