using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bos.Testing;
using FluentAssertions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serilog.Core;
using Serilog.Events;
using Xunit;

namespace Bos.Api.Tests.Auth;

/// <summary>
/// The API with authentication on: a JWKS file of a locally generated RSA key, issuer and audience, the `tenant`
/// claim and the `bos-admin` role; "vcluster-a" owns x1 and x2, "vcluster-b" owns x3. Every log event is captured.
/// </summary>
public sealed class AuthApiFactory : ApiHostFactory, ILogEventSink
{
    public const string Issuer = "https://auth.bos.test/realms/shasta";
    public const string Audience = "bos";
    private readonly string _jwks = Path.Combine(Path.GetTempPath(), $"bos-jwks-{Guid.NewGuid():N}.json");
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public AuthApiFactory()
    {
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.ExportParameters(false)) { KeyId = "k1" });
        File.WriteAllText(_jwks, new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "k1", ["n"] = jwk.N, ["e"] = jwk.E }),
        }.ToJsonString());
    }

    public RSA Key { get; } = RSA.Create(2048);

    public IEnumerable<LogEvent> Events => _events;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("Logging:Level", "DEBUG"),
        new("Auth:JwksFile", _jwks),
        new("Auth:Issuer", Issuer),
        new("Auth:Audience", Audience),
        new("Auth:TenantClaim", "tenant"),
        new("Auth:AdminRole", "bos-admin"),
        new("Tenants:vcluster-a:0", "x1"),
        new("Tenants:vcluster-a:1", "x2"),
        new("Tenants:vcluster-b:0", "x3"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(this));
    }

    /// <summary>A signed token (RS256, kid k1) valid for ten minutes unless told otherwise.</summary>
    public string Token(string? tenant = null, string[]? roles = null, string issuer = Issuer, string audience = Audience,
        TimeSpan? expiresIn = null, RSA? key = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        var claims = new Dictionary<string, object> { ["sub"] = "user-1" };
        if (tenant is not null) claims["tenant"] = tenant;
        if (roles is not null) claims["roles"] = roles;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires.AddMinutes(-20),
            NotBefore = expires.AddMinutes(-20),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? Key) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public override async ValueTask DisposeAsync()
    {
        File.Delete(_jwks);
        await base.DisposeAsync();
    }
}

/// <summary>Optional bearer-token authentication in Bos itself (Auth:*): validation, tenant binding, the admin role.</summary>
[NeedsServices]
public sealed class AuthTests(AuthApiFactory api) : IClassFixture<AuthApiFactory>, IAsyncLifetime
{
    private static readonly string[] Admin = ["bos-admin"];
    private readonly HttpClient _client = api.CreateClient();

    public async Task InitializeAsync() =>
        (await Send(HttpMethod.Put, "/v2/components", api.Token(roles: Admin), """[{"id":"x1"},{"id":"x2"},{"id":"x3"}]"""))
        .Status.Should().Be(HttpStatusCode.OK);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Send(
        HttpMethod method, string path, string? token, string? json = null, string? tenant = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null) request.Content = HttpJson.Body(json);
        if (tenant is not null) request.Headers.Add("Cray-Tenant-Name", tenant);
        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private static string Problem((HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response) r, HttpStatusCode status)
    {
        r.Status.Should().Be(status, r.Body?.ToJsonString());
        r.Response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        r.Body!["status"]!.GetValue<int>().Should().Be((int)status);
        r.Body["title"]!.GetValue<string>().Should().NotBeEmpty();
        return r.Body["detail"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        (await Send(HttpMethod.Get, "/v2/components/x1", api.Token())).Status.Should().Be(HttpStatusCode.OK);
        (await Send(HttpMethod.Get, "/apis/bos/v2/sessions", api.Token())).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_dashboard_page_is_public_but_its_feeds_need_a_token_like_the_API_they_show()
    {
        (await _client.GetAsync("/ui/")).StatusCode.Should().Be(HttpStatusCode.OK);
        Problem(await Send(HttpMethod.Get, "/ui/api/sessions/events", null), HttpStatusCode.Unauthorized).Should().Be("A bearer token is required");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/ui/api/sessions/events");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token());
        using var stream = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        stream.StatusCode.Should().Be(HttpStatusCode.OK);
        stream.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
    }

    [Fact]
    public async Task A_request_without_a_token_is_a_401_problem_with_a_bearer_challenge()
    {
        var response = await Send(HttpMethod.Get, "/v2/components", null);

        Problem(response, HttpStatusCode.Unauthorized).Should().Be("A bearer token is required");
        response.Response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
    }

    [Fact]
    public async Task An_expired_token_is_a_401_problem() =>
        Problem(await Send(HttpMethod.Get, "/v2/components", api.Token(expiresIn: TimeSpan.FromMinutes(-5))), HttpStatusCode.Unauthorized)
            .Should().Be("The bearer token has expired");

    [Fact]
    public async Task A_token_for_another_audience_is_a_401_problem() =>
        Problem(await Send(HttpMethod.Get, "/v2/components", api.Token(audience: "not-bos")), HttpStatusCode.Unauthorized)
            .Should().Be("The bearer token is not valid");

    [Fact]
    public async Task A_token_from_another_issuer_is_a_401_problem() =>
        Problem(await Send(HttpMethod.Get, "/v2/components", api.Token(issuer: "https://evil.test")), HttpStatusCode.Unauthorized)
            .Should().Be("The bearer token is not valid");

    [Fact]
    public async Task A_token_with_a_bad_signature_is_a_401_problem()
    {
        using var other = RSA.Create(2048);
        Problem(await Send(HttpMethod.Get, "/v2/components", api.Token(key: other)), HttpStatusCode.Unauthorized)
            .Should().Be("The bearer token is not valid");
        var tampered = api.Token(tenant: "vcluster-a");
        var parts = tampered.Split('.');
        parts[1] = Base64UrlEncoder.Encode("""{"sub":"user-1","tenant":"vcluster-b","iss":"https://auth.bos.test/realms/shasta","aud":"bos","exp":4102444800}""");
        Problem(await Send(HttpMethod.Get, "/v2/components", string.Join('.', parts)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tenant_token_with_another_tenants_header_is_a_403_problem() =>
        Problem(await Send(HttpMethod.Get, "/v2/components", api.Token(tenant: "vcluster-a"), tenant: "vcluster-b"), HttpStatusCode.Forbidden)
            .Should().Be("The token's tenant 'vcluster-a' can not act for tenant 'vcluster-b'");

    [Fact]
    public async Task A_tenant_token_without_a_header_acts_as_its_tenant()
    {
        var token = api.Token(tenant: "vcluster-a");

        var list = await Send(HttpMethod.Get, "/v2/components", token);
        list.Status.Should().Be(HttpStatusCode.OK);
        list.Body!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().BeEquivalentTo("x1", "x2");
        (await Send(HttpMethod.Get, "/v2/components/x3", token)).Status.Should().Be(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Put, "/v2/components/x3", token, """{"enabled":false}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Send(HttpMethod.Get, "/v2/components/x1", token, tenant: "vcluster-a")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("PATCH", "/v2/options", """{"polling_frequency": 15}""")]
    [InlineData("PUT", "/v2/components", """[{"id":"x1"}]""")]
    [InlineData("PATCH", "/v2/components", """[{"id":"x1","enabled":false}]""")]
    [InlineData("DELETE", "/v2/sessions", null)]
    public async Task Admin_only_operations_need_the_admin_role(string method, string path, string? json)
    {
        Problem(await Send(new HttpMethod(method), path, api.Token(), json), HttpStatusCode.Forbidden)
            .Should().Be($"Operation {OperationOf(method, path)} needs the role 'bos-admin'");
        if (path == "/v2/options")
            Problem(await Send(new HttpMethod(method), path, api.Token(tenant: "vcluster-a", roles: Admin), json), HttpStatusCode.Forbidden)
                .Should().Contain("global", "the options are global: a tenant's token never changes them");

        var ok = await Send(new HttpMethod(method), path, api.Token(roles: Admin), json);
        ((int)ok.Status).Should().BeInRange(200, 204, ok.Body?.ToJsonString());
    }

    private static string OperationOf(string method, string path) => (method, path) switch
    {
        ("PATCH", "/v2/options") => "patch_v2_options",
        ("PUT", "/v2/components") => "put_v2_components",
        ("PATCH", "/v2/components") => "patch_v2_components",
        _ => "delete_v2_sessions",
    };

    [Fact]
    public async Task A_tenant_token_may_do_its_own_bulk_writes_without_the_admin_role() =>
        (await Send(HttpMethod.Patch, "/v2/components", api.Token(tenant: "vcluster-a"), """[{"id":"x1","enabled":false}]"""))
        .Status.Should().Be(HttpStatusCode.OK);

    [Theory]
    [InlineData("/v2/healthz")]
    [InlineData("/v2/version")]
    [InlineData("/v2")]
    [InlineData("/")]
    public async Task Health_and_version_stay_anonymous(string path) =>
        (await Send(HttpMethod.Get, path, null)).Status.Should().NotBe(HttpStatusCode.Unauthorized).And.NotBe(HttpStatusCode.Forbidden);

    [Fact]
    public async Task No_token_or_key_material_ever_appears_in_the_logs()
    {
        using var other = RSA.Create(2048);
        var tokens = new[]
        {
            api.Token(roles: Admin), api.Token(expiresIn: TimeSpan.FromMinutes(-5)), api.Token(key: other),
            api.Token(audience: "x"), api.Token(tenant: "vcluster-a"), "not.a.token",
        };
        foreach (var token in tokens)
        {
            await Send(HttpMethod.Get, "/v2/components/x1", token, tenant: "vcluster-b");
            await Send(HttpMethod.Patch, "/v2/options", token, """{"polling_frequency": 15}""");
        }
        await Task.Delay(500);

        var text = string.Join("\n", api.Events.Select(e => e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => p.Value.ToString())) + " " + e.Exception));
        api.Events.Should().Contain(e => e.Level >= LogEventLevel.Information, "the refusals are logged");
        foreach (var token in tokens)
        {
            text.Should().NotContain(token);
            foreach (var part in token.Split('.').Where(p => p.Length > 8)) text.Should().NotContain(part);
        }
        text.Should().NotContain("eyJ");
        text.Should().NotContain(Base64UrlEncoder.Encode(api.Key.ExportParameters(false).Modulus!));
    }
}

/// <summary>Authentication is off by default: tokens (bos-reporter sends one) are ignored and nothing needs one.</summary>
[NeedsServices]
public sealed class AuthOffTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Without_Auth_settings_any_or_no_token_is_accepted_as_before()
    {
        var client = api.CreateClient();
        (await client.PutJson("/v2/components/x77", """{"enabled":false}""")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/apis/bos/v2/components/x77") { Content = HttpJson.Body("""{"id":"x77","actual_state":{"bss_token":"t"}}""") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "whatever-the-gateway-checked");
        (await client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PatchAsync("/v2/options", HttpJson.Body("""{"logging_level":"WARNING"}"""))).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
