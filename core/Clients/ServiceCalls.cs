using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bos.Core.Clients;

/// <summary>Request and response handling shared by the service clients.</summary>
internal static class ServiceCalls
{
    /// <summary>Field names are spelled out per DTO ([JsonPropertyName]); reading is case-insensitive.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    // Responses are read as they arrive (ResponseHeadersRead), not buffered whole first: a 2,500-node PCS transition or
    // HSM answer is a few hundred KB, and a buffer that size lands on the large-object heap each time (the profile of a
    // 10k reboot: gen2 collections as frequent as gen0 ones in the worker, a third of its busy time suspended for GC).
    public static async Task<T> GetAsync<T>(this HttpClient http, string service, string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        return await response.ReadAsync<T>(service, ct);
    }

    public static async Task<T> SendAsync<T>(this HttpClient http, string service, HttpMethod method, string path, object body, CancellationToken ct)
    {
        using var response = await http.SendJsonAsync(method, path, body, ct);
        return await response.ReadAsync<T>(service, ct);
    }

    public static Task<HttpResponseMessage> SendJsonAsync(this HttpClient http, HttpMethod method, string path, object body, CancellationToken ct) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) },
            HttpCompletionOption.ResponseHeadersRead, ct);

    /// <summary>Throws <see cref="ApiResponseException"/> with upstream's wording for anything but 2xx.</summary>
    public static async Task EnsureSuccessAsync(this HttpResponseMessage response, string service, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        var request = response.RequestMessage;
        throw new ApiResponseException(service, response.StatusCode, request?.Method.Method ?? "?", request?.RequestUri, response.ReasonPhrase, body);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, string service, CancellationToken ct)
    {
        await response.EnsureSuccessAsync(service, ct);
        var value = await response.Content.ReadFromJsonAsync<T>(Json, ct);
        return value ?? throw new ServiceResponseException(
            $"{service}: empty JSON body from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}");
    }
}
