using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bos.Api.Tests.Hostile;

/// <summary>
/// The API on a real Kestrel listener (loopback, random port): hostile paths must be sent as they are, and Kestrel
/// (not the in-memory TestServer) is what normalises dot segments and enforces its own limits. Tenants: "vcluster-a"
/// owns x1 and x2, "vcluster-b" owns x3. Bos's background services are not run, so Redis changes only through requests.
/// </summary>
public class KestrelApiFactory : ApiHostFactory
{
    private HttpClient? _raw;

    public KestrelApiFactory() => UseKestrel();

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("Tenants:vcluster-a:0", "x1"),
        new("Tenants:vcluster-a:1", "x2"),
        new("Tenants:vcluster-b:0", "x3"),
        .. ExtraSettings(),
    ];

    protected virtual IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // No background work of Bos's own (outbox relay, scheduler, options follower): a Redis snapshot then
            // only changes through the requests a test sends.
            var relays = services.Where(d => d.ServiceType == typeof(IHostedService)
                                             && d.ImplementationType?.FullName?.StartsWith("Bos.", StringComparison.Ordinal) == true).ToList();
            foreach (var relay in relays) services.Remove(relay);
        });
    }

    /// <summary>The listener's base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>A client whose request paths are sent exactly as written (no dot-segment removal, no re-escaping).</summary>
    public HttpClient Raw => _raw ??= new HttpClient { Timeout = TimeSpan.FromSeconds(60) };

    public Uri RawUri(string pathAndQuery) =>
        new(Address.GetLeftPart(UriPartial.Authority) + pathAndQuery, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    /// <summary>Sends a request as written; the body (if any) with the given content type (null: no Content-Type).</summary>
    public async Task<RawResponse> Send(string method, string pathAndQuery, byte[]? body = null, string? contentType = "application/json",
        string? tenant = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), RawUri(pathAndQuery));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            // As curl does for large bodies: the server can refuse one (413) before it is sent. Without it the server
            // answers and closes while the client still writes, and the client sees a broken pipe, not the 413.
            if (body.Length > 1024 * 1024) request.Headers.ExpectContinue = true;
        }
        if (tenant is not null) request.Headers.TryAddWithoutValidation("Cray-Tenant-Name", tenant);
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await Raw.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new RawResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    public Task<RawResponse> Send(string method, string pathAndQuery, string json, string? tenant = null) =>
        Send(method, pathAndQuery, Encoding.UTF8.GetBytes(json), "application/json", tenant);

    public override async ValueTask DisposeAsync()
    {
        _raw?.Dispose();
        await base.DisposeAsync();
    }
}

public sealed record RawResponse(int Status, string? MediaType, string Text)
{
    public JsonNode? Json => Text.Length == 0 ? null : JsonNode.Parse(Text);

    /// <summary>Whether this is an RFC 7807 answer (API-02): application/problem+json with title, status and detail.</summary>
    public bool IsProblem
    {
        get
        {
            if (MediaType != "application/problem+json") return false;
            try
            {
                var body = Json;
                return body?["title"] is JsonValue && body["detail"] is JsonValue && body["status"]?.GetValue<int>() == Status;
            }
            catch (Exception) { return false; }
        }
    }

    public override string ToString() => $"{Status} {MediaType} {(Text.Length > 300 ? Text[..300] + "…" : Text)}";
}
