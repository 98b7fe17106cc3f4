using System.Text;
using System.Text.Json.Nodes;
using Bos.Api.Http;
using Bos.Api.Spec;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Hostile;

/// <summary>The API with a 1 MiB body limit, to reach it cheaply.</summary>
public sealed class SmallBodyLimitApiFactory : KestrelApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() => [new("Api:MaxRequestBodyBytes", "1048576")];
}

/// <summary>Issue #11 (hostile input): each defect the fuzzer and parallel writers found, over a real Kestrel listener.</summary>
[NeedsServices]
public sealed class HostileInputTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    /// <summary>Every operation of the upstream spec with a request body, its path ids filled in.</summary>
    public static TheoryData<string, string> BodyOperations()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, item) in UpstreamSpec.Instance.Paths)
            foreach (var (method, op) in item!.AsObject())
                if (op is JsonObject o && o["requestBody"] is not null)
                    data.Add(method.ToUpperInvariant(), System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "x1"));
        return data;
    }

    [Fact]
    public void The_spec_has_ten_operations_with_a_body() => BodyOperations().Should().HaveCount(10);

    [Theory]
    [InlineData("/v2/sessions/.")]
    [InlineData("/v2/sessions/%2E")]
    [InlineData("/v2/sessions/%2e")]
    [InlineData("/apis/bos/v2/sessions/.")]
    public async Task Deleting_session_dot_is_a_400_and_deletes_no_session(string path)
    {
        var client = api.CreateClient();
        var template = await Sessions.SessionTestData.CreateTemplate(client);
        var session = (await Sessions.SessionTestData.CreateSession(client, template))["name"]!.GetValue<string>();

        var response = await api.Send("DELETE", path);

        response.Status.Should().Be(400, response.ToString());
        response.IsProblem.Should().BeTrue(response.ToString());
        (await api.Send("GET", $"/v2/sessions/{session}")).Status.Should().Be(200);
    }

    [Theory]
    [InlineData("GET", "/v2/sessions/..")]
    [InlineData("GET", "/v2/sessions/%2e%2e")]
    [InlineData("GET", "/v2/sessions/%2E%2E/status")]
    [InlineData("GET", "/v2/components/..")]
    [InlineData("DELETE", "/v2/components/.")]
    [InlineData("GET", "/v2/sessiontemplates/..")]
    [InlineData("GET", "/v2/sessiontemplatesvalid/.")]
    [InlineData("GET", "/v2/components/x1%2F..")]
    [InlineData("GET", "/v2/components/a%2Fb")]
    [InlineData("GET", "/v2/components/a%5Cb")]
    [InlineData("GET", "/apis/bos/v2/sessions/..")]
    public async Task A_path_id_of_dots_or_an_encoded_slash_is_a_400_and_reaches_no_other_route(string method, string path)
    {
        var response = await api.Send(method, path);

        response.Status.Should().Be(400, response.ToString());
        response.IsProblem.Should().BeTrue(response.ToString());
        response.Text.Should().NotContain("\"major\"");
    }

    [Theory]
    [MemberData(nameof(BodyOperations))]
    public async Task A_body_with_a_duplicate_key_is_a_400_on_every_body_operation(string method, string path)
    {
        var response = await api.Send(method, path, """{"logging_level":"INFO","logging_level":"INFO"}""");

        response.Status.Should().Be(400, response.ToString());
        response.IsProblem.Should().BeTrue();
        response.Json!["detail"]!.GetValue<string>().Should().Be("Request body is not valid JSON: duplicate key 'logging_level'");
    }

    [Theory]
    [MemberData(nameof(BodyOperations))]
    public async Task A_body_with_an_escaped_lone_surrogate_is_a_400_on_every_body_operation(string method, string path)
    {
        var response = await api.Send(method, path, """{"error":"\ud800"}""");

        response.Status.Should().Be(400, response.ToString());
        response.IsProblem.Should().BeTrue();
        response.Json!["detail"]!.GetValue<string>().Should().Be("Request body is not valid JSON: a string is not valid Unicode");
    }

    [Theory]
    [MemberData(nameof(BodyOperations))]
    public async Task A_body_of_invalid_UTF8_or_deep_nesting_is_a_400_on_every_body_operation(string method, string path)
    {
        (await api.Send(method, path, [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}'])).Status.Should().Be(400);
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var response = await api.Send(method, path, deep);
        response.Status.Should().Be(400, response.ToString());
        response.IsProblem.Should().BeTrue();
    }

    [Fact]
    public async Task A_40_MB_body_is_not_a_server_error_with_the_default_limit()
    {
        var body = new StringBuilder("[");
        while (body.Length < 40_000_000) body.Append("""{"id":"x1","enabled":"not-a-boolean","error":"padding-padding-padding"},""");
        body.Append("""{"id":"x1"}]""");

        var response = await api.Send("PUT", "/v2/components", body.ToString());

        response.Status.Should().Be(400, response.ToString());
        response.IsProblem.Should().BeTrue();
    }

    [Fact]
    public void The_default_body_limit_holds_a_bulk_put_of_100000_fully_populated_components()
    {
        var artifacts = """{"kernel":"s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/kernel","kernel_parameters":"console=ttyS0,115200 ip=dhcp spire_join_token=${SPIRE_JOIN_TOKEN} root=sbps-s3:s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/rootfs:0123456789abcdef0123456789abcdef-123 nmd_data=url=s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/rootfs,etag=0123456789abcdef0123456789abcdef-123 bos_update_frequency=4h","initrd":"s3://boot-images/a5b1f8d2-6c3e-4f10-9d2a-000000000001/initrd"}""";
        var component = $$$"""{"id":"x3000c0s17b0n0","actual_state":{"boot_artifacts":{{{artifacts}}},"bss_token":"0123456789abcdef0123456789abcdef"},"desired_state":{"boot_artifacts":{{{artifacts}}},"configuration":"compute-config-2026.02","bss_token":"0123456789abcdef0123456789abcdef"},"staged_state":{"boot_artifacts":{{{artifacts}}},"configuration":"compute-config-2026.02","session":"staged-session-0001"},"last_action":{"action":"session_setup","failed":false},"enabled":true,"error":"","session":"boot-session-0001","retry_policy":3,"event_stats":{"power_on_attempts":1,"power_off_graceful_attempts":0,"power_off_forceful_attempts":0}},""";

        var bulk = 100_000L * Encoding.UTF8.GetByteCount(component);

        bulk.Should().BeGreaterThan(100_000_000);
        new ApiLimits().MaxRequestBodyBytes.Should().BeGreaterThan(2 * bulk);
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_are_problem_json()
    {
        var notFound = await api.Send("GET", "/v2/nothing-here");
        notFound.Status.Should().Be(404);
        notFound.IsProblem.Should().BeTrue(notFound.ToString());

        var wrongMethod = await api.Send("PUT", "/v2/version", "{}");
        wrongMethod.Status.Should().Be(405);
        wrongMethod.IsProblem.Should().BeTrue(wrongMethod.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("application/jsonfoo")]
    [InlineData("text/plain")]
    public async Task A_body_that_is_not_declared_as_JSON_is_a_415(string? contentType)
    {
        var response = await api.Send("PATCH", "/v2/options", Encoding.UTF8.GetBytes("""{"logging_level":"INFO"}"""), contentType);

        response.Status.Should().Be(415, response.ToString());
        response.IsProblem.Should().BeTrue();
        response.Json!["detail"]!.GetValue<string>().Should().Be($"Invalid Content-type ({contentType}), expected JSON data");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/merge-patch+json")]
    public async Task JSON_media_types_as_connexion_knows_them_are_accepted(string contentType)
    {
        var response = await api.Send("PATCH", "/v2/options", Encoding.UTF8.GetBytes("""{"logging_level":"WARNING"}"""), contentType);

        response.Status.Should().Be(200, response.ToString());
    }

    [Theory]
    [InlineData("x1\\u0000")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("x1\\n")]
    public async Task A_bulk_put_of_a_component_id_that_no_path_can_address_is_a_400_and_writes_nothing(string id)
    {
        await using var redis = await RedisSnapshot.ConnectAsync(api.Redis.KeyPrefix);
        var before = await redis.TakeAsync();

        var response = await api.Send("PUT", "/v2/components", $$"""[{"id":"x2","enabled":false},{"id":"{{id}}","enabled":false}]""");

        response.Status.Should().Be(400, response.ToString());
        response.IsProblem.Should().BeTrue();
        (await redis.TakeAsync()).Should().Be(before);
    }
}

/// <summary>The body limit is a setting; above it a request is a 413 problem and nothing is read into memory.</summary>
[NeedsServices]
public sealed class BodyLimitTests(SmallBodyLimitApiFactory api) : IClassFixture<SmallBodyLimitApiFactory>
{
    [Fact]
    public async Task A_body_above_the_configured_limit_is_a_413_problem()
    {
        var response = await api.Send("PUT", "/v2/components", "[" + new string(' ', 2 * 1024 * 1024) + "]");

        response.Status.Should().Be(413, response.ToString());
        response.IsProblem.Should().BeTrue();
        response.Json!["detail"]!.GetValue<string>().Should().Contain("Api:MaxRequestBodyBytes");
    }

    [Fact]
    public async Task A_chunked_body_above_the_configured_limit_is_a_413_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, api.RawUri("/v2/components"));
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("[" + new string(' ', 2 * 1024 * 1024) + "]")));
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;
        using var response = await api.Raw.SendAsync(request);

        ((int)response.StatusCode).Should().Be(413);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_body_below_the_configured_limit_is_read()
    {
        var response = await api.Send("PUT", "/v2/components", """[{"id":"x1","enabled":false}]""" + new string(' ', 512 * 1024));

        response.Status.Should().Be(200, response.ToString());
    }
}
