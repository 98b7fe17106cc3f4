using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Bos.Cli;

/// <summary>A refused or failed request: the problem's detail (or the body) and the HTTP status.</summary>
public sealed class BosRequestException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// The Bos (or upstream BOS) REST API over HTTP, as the cray CLI calls it: the tenant in <c>Cray-Tenant-Name</c>,
/// the token as a bearer token.
/// </summary>
public sealed class BosClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _base;

    public BosClient(string url, string? tenant, string? token)
    {
        _base = url.TrimEnd('/');
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(tenant)) _http.DefaultRequestHeaders.Add("Cray-Tenant-Name", tenant);
        if (!string.IsNullOrEmpty(token)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonNode?> PostAsync(string path, JsonNode? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public Task<JsonNode?> PutAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Put, path, body, ct);

    public Task<JsonNode?> PatchAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Patch, path, body, ct);

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, _base + path);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonNode? json = null;
        try { json = text.Length == 0 ? null : JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { /* not JSON: reported as text below */ }
        if (!response.IsSuccessStatusCode)
            throw new BosRequestException((int)response.StatusCode, (string?)json?["detail"] ?? (text.Length > 0 ? text : response.ReasonPhrase ?? ""));
        return json;
    }

    public void Dispose() => _http.Dispose();
}
