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
        string? tenant = null, string? bearer = null, IReadOnlyList<KeyValuePair<string, string>>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), RawUri(pathAndQuery));
        foreach (var (name, value) in headers ?? []) request.Headers.TryAddWithoutValidation(name, value);
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

    /// <summary>
    /// Sends bytes as they are over a new connection (for requests no HTTP client would write: a malformed request
    /// line, a NUL byte, an invalid header name) and reads the answer until the server closes the connection.
    /// </summary>
    public async Task<RawResponse> SendRawAsync(byte[] request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Address.Host, Address.Port);
        var stream = tcp.GetStream();
        // The server may answer and close before it has read everything (a request line over its limit).
        try { await stream.WriteAsync(request); }
        catch (IOException) { }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0) received.Write(buffer, 0, n);
        }
        catch (IOException) { }
        return RawResponse.Parse(received.ToArray());
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

    /// <summary>An HTTP/1.1 response as received on the wire (Content-Length or chunked body); status 0 when there is none.</summary>
    public static RawResponse Parse(byte[] wire)
    {
        var text = Encoding.Latin1.GetString(wire);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return new RawResponse(0, null, text);
        var lines = text[..end].Split("\r\n");
        var status = lines[0].Split(' ') is [_, var code, ..] && int.TryParse(code, out var c) ? c : 0;
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = wire.AsSpan(end + 4).ToArray();
        if (headers["Transfer-Encoding"].Any(v => v.Contains("chunked", StringComparison.OrdinalIgnoreCase))) body = Dechunk(body);
        else if (headers["Content-Length"].FirstOrDefault() is { } length && int.TryParse(length, out var n) && n <= body.Length) body = body[..n];
        var mediaType = headers["Content-Type"].FirstOrDefault()?.Split(';')[0].Trim();
        return new RawResponse(status, mediaType, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] body)
    {
        var output = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var lineEnd = Array.IndexOf(body, (byte)'\n', at);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body, at, lineEnd - at).Trim().Split(';')[0], 16);
            if (size == 0) break;
            output.Write(body, lineEnd + 1, Math.Min(size, body.Length - lineEnd - 1));
            at = lineEnd + 1 + size + 2;
        }
        return output.ToArray();
    }
}
