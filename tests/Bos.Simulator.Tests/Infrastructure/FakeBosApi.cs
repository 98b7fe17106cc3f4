using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bos.Simulator.Tests.Infrastructure;

/// <summary>
/// Stands in for the BOS API's PATCH /v2/components/{id} (the real one is built elsewhere): records every report
/// and answers with whatever <see cref="Answer"/> says (200 by default; e.g. 409 while BOS is powering a node off).
/// </summary>
public sealed class FakeBosApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Report> _reports = new();
    private readonly ConcurrentDictionary<string, int> _reportsPerNode = new(StringComparer.Ordinal);

    private FakeBosApi(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public sealed record Report(string Xname, JsonObject Body, int AnsweredWith, long? ContentLength);

    public Uri Url { get; }

    /// <summary>(xname, how many reports of that node came before) → status code to answer.</summary>
    public Func<string, int, int> Answer { get; set; } = (_, _) => 200;

    public IReadOnlyList<Report> Reports => _reports.ToList();

    public IReadOnlyList<Report> ReportsOf(string xname) => _reports.Where(r => r.Xname == xname).ToList();

    public static async Task<FakeBosApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeBosApi? fake = null;
        app.MapPatch("/v2/components/{id}", async (string id, HttpRequest request) =>
        {
            var body = JsonNode.Parse(await new StreamReader(request.Body).ReadToEndAsync())!.AsObject();
            var before = fake!._reportsPerNode.AddOrUpdate(id, 1, (_, n) => n + 1) - 1;
            var status = fake.Answer(id, before);
            fake._reports.Enqueue(new Report(id, body, status, request.ContentLength));
            return Results.Json(new { id }, statusCode: status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeBosApi(app, new Uri(address));
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
