using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bos.Api.Spec;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Bos.Api.Tests.Hostile;

/// <summary>
/// A deterministic fuzzer generated from the upstream spec: for every operation, odd path ids, bad query and header
/// values, and bodies with wrong types, missing and unknown fields, duplicate keys, invalid Unicode, deep nesting,
/// huge sizes and wrong content types. Over a real Kestrel listener: no response is a 5xx, every error is
/// problem+json, and a rejected request leaves every key under the test's Redis prefix as it was.
/// </summary>
[NeedsServices]
public sealed class SpecFuzzTests(SmallBodyLimitApiFactory api, ITestOutputHelper output) : IClassFixture<SmallBodyLimitApiFactory>
{
    private const int Seed = 20260211;
    private const int MaxRequestsPerOperation = 60;

    private static readonly string[] OddIds =
    [
        ".", "..", "%2E", "%2e%2e", "%2F", "a%2Fb", "%2F..%2F", "%5C", "%00", "a%00b", "%0A", "%FF", "%C3%A9", "%20", "%25",
        "x1%3Fa=b", new string('a', 300), new string('x', 128), "-", "_x", "x1.", "%E2%80%AE",
    ];

    private static readonly string[] OddQueryValues =
        ["notanumber", "-1", "0", "99999999999999999999", "", "%00", "%FF", "%2E%2E", new string('a', 300), "True", "[]", "1e400", "a,b,,c"];

    private static readonly string[] OddTenants = ["", new string('t', 300), "no-such-tenant", "vcluster-a", "../x", "\t"];

    private static readonly JsonNode?[] WrongValues =
        [JsonValue.Create(123), JsonValue.Create("str"), JsonValue.Create(true), null, new JsonArray(), new JsonObject(),
         JsonValue.Create(1.5), JsonValue.Create(-1), JsonValue.Create(new string('n', 300)), JsonValue.Create("\u0000"), JsonValue.Create(1e300)];

    private sealed record FuzzRequest(string Operation, string Kind, string Method, string Path, byte[]? Body, string? ContentType, string? Tenant,
        IReadOnlyList<KeyValuePair<string, string>>? Headers = null);

    /// <summary>Methods a client could try on any path; the spec's own are left out per path (405 for the rest).</summary>
    private static readonly string[] Methods = ["GET", "PUT", "POST", "PATCH", "DELETE", "OPTIONS", "TRACE"];

    private static readonly string[] UnknownRoutes =
    [
        "/v2/nope", "/nope", "/v3/components", "/v2/components/x1/extra", "/v2/sessions/s/status/more", "/apis/bos/v2/nope",
        "/apis/bos", "/apis/nope/v2", "/v2/healthz/x", "/V2/components", "/v2/sessiontemplatesvalid", "/v2/applystaged/x",
    ];

    /// <summary>
    /// Requests Kestrel refuses while parsing them, before any application code runs: its bare status (no body) is the
    /// only possible answer (docs/security.md lists them). Each is sent as raw bytes and must still be refused, bare,
    /// with the status given; Redis must not change.
    /// </summary>
    private static IEnumerable<(string Name, byte[] Request, int Status)> KestrelLevel()
    {
        static byte[] Ascii(string s) => Encoding.Latin1.GetBytes(s);
        const string End = "Connection: close\r\n\r\n";
        yield return ("NUL in the path (%00)", Ascii($"DELETE /v2/sessions/a%00b HTTP/1.1\r\nHost: a\r\n{End}"), 400);
        yield return ("raw NUL byte in the path", Ascii($"GET /v2/sessions/a\0b HTTP/1.1\r\nHost: a\r\n{End}"), 400);
        yield return ("non-ASCII byte in the target", [.. Ascii("GET /v2/sessions/"), 0xC3, 0xA9, .. Ascii($" HTTP/1.1\r\nHost: a\r\n{End}")], 400);
        yield return ("malformed request line", Ascii($"GET /v2 HTTP/1.1 extra\r\nHost: a\r\n{End}"), 400);
        yield return ("unsupported HTTP version", Ascii($"GET /v2 HTTP/9.9\r\nHost: a\r\n{End}"), 505);
        yield return ("no Host header", Ascii($"GET /v2 HTTP/1.1\r\n{End}"), 400);
        yield return ("two Host headers", Ascii($"GET /v2 HTTP/1.1\r\nHost: a\r\nHost: b\r\n{End}"), 400);
        yield return ("invalid header name", Ascii($"GET /v2 HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n{End}"), 400);
        yield return ("invalid Content-Length", Ascii($"POST /v2/sessions HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n{End}"), 400);
        yield return ("Transfer-Encoding not ending in chunked", Ascii($"POST /v2/sessions HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n{End}"), 400);
        yield return ("asterisk-form target with GET", Ascii($"GET * HTTP/1.1\r\nHost: a\r\n{End}"), 405);
        yield return ("request line over Kestrel's raised limit (64 KiB)", Ascii($"GET /v2/components?ids={new string('a', 70_000)} HTTP/1.1\r\nHost: a\r\n{End}"), 414);
        yield return ("headers over Kestrel's raised limit (64 KiB)", Ascii($"GET /v2 HTTP/1.1\r\nHost: a\r\nX-Big: {new string('a', 70_000)}\r\n{End}"), 431);
        yield return ("more header fields than Kestrel's raised limit (1,000)",
            Ascii($"GET /v2 HTTP/1.1\r\nHost: a\r\n{string.Concat(Enumerable.Range(0, 1100).Select(i => $"X-H{i}: v\r\n"))}{End}"), 431);
    }

    [Fact]
    public async Task No_request_generated_from_the_spec_gets_a_5xx_or_a_bare_error_and_no_rejected_request_changes_Redis()
    {
        var client = api.CreateClient();
        var template = await Sessions.SessionTestData.CreateTemplate(client);
        var session = (await Sessions.SessionTestData.CreateSession(client, template))["name"]!.GetValue<string>();
        (await api.Send("PUT", "/v2/components", """[{"id":"x1","enabled":false},{"id":"x3","enabled":false}]""")).Status.Should().Be(200);
        var valid = new Dictionary<string, string> { ["session_id"] = session, ["component_id"] = "x1", ["session_template_id"] = template };

        var requests = Generate(valid);
        await using var redis = await RedisSnapshot.ConnectAsync(api.Redis.KeyPrefix);
        var histogram = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var serverLevel = 0;
        var kestrelHistogram = new SortedDictionary<int, int>();
        var last = await redis.TakeAsync();
        var started = DateTime.UtcNow;
        foreach (var request in requests)
        {
            RawResponse response;
            try { response = await api.Send(request.Method, request.Path, request.Body, request.ContentType, request.Tenant, headers: request.Headers); }
            catch (Exception ex) { failures.Add($"{Describe(request)}: {ex.GetType().Name} {ex.Message}"); continue; }
            histogram[response.Status] = histogram.GetValueOrDefault(response.Status) + 1;
            var now = await redis.TakeAsync();
            if (response.Status >= 500) failures.Add($"{Describe(request)}: {response}");
            else if (response.Status >= 400 && !response.IsProblem)
            {
                // Kestrel refuses a NUL in the decoded path before any application code runs (bare 400).
                if (response.Status == 400 && response.Text.Length == 0 && request.Path.Contains("%00", StringComparison.Ordinal)) serverLevel++;
                else failures.Add($"{Describe(request)}: not problem+json: {response}");
            }
            if (response.Status >= 400 && now != last) failures.Add($"{Describe(request)}: rejected with {response.Status} but Redis changed");
            last = now;
        }

        // What Kestrel answers itself, before the application: exactly the documented cases, each a bare status.
        foreach (var (name, raw, status) in KestrelLevel())
        {
            var response = await api.SendRawAsync(raw);
            kestrelHistogram[response.Status] = kestrelHistogram.GetValueOrDefault(response.Status) + 1;
            if (response.Status != status || response.Text.Length != 0 || response.MediaType is not null)
                failures.Add($"Kestrel-level [{name}]: expected a bare {status}, got {response}");
            else serverLevel++;
            var now = await redis.TakeAsync();
            if (now != last) failures.Add($"Kestrel-level [{name}]: Redis changed");
            last = now;
        }

        output.WriteLine($"fuzz: {requests.Count} requests over {requests.Select(r => r.Operation).Distinct().Count()} operations in {(DateTime.UtcNow - started).TotalSeconds:0.0} s, seed {Seed}");
        output.WriteLine("status histogram: " + string.Join(", ", histogram.Select(h => $"{h.Key}: {h.Value}")));
        output.WriteLine($"answered by Kestrel before the API (bare status, documented in docs/security.md): {serverLevel}, " +
                         string.Join(", ", kestrelHistogram.Select(h => $"{h.Key}: {h.Value}")));
        foreach (var f in failures.Take(30)) output.WriteLine("FAIL " + f);
        failures.Should().BeEmpty();
        histogram.Keys.Should().NotContain(s => s >= 500);
        requests.Count.Should().BeGreaterThan(1000);
        requests.Count(r => r.Kind.StartsWith("server:", StringComparison.Ordinal)).Should().BeGreaterThan(50);
    }

    private static string Describe(FuzzRequest r) =>
        $"{r.Operation} [{r.Kind}] {r.Method} {(r.Path.Length > 120 ? r.Path[..120] + "…" : r.Path)} tenant={r.Tenant ?? "-"} ct={r.ContentType ?? "-"} body={(r.Body is null ? "-" : Shorten(Encoding.UTF8.GetString(r.Body)))}";

    private static string Shorten(string s) => s.Length > 120 ? s[..120] + $"…({s.Length})" : s;

    private static List<FuzzRequest> Generate(IReadOnlyDictionary<string, string> valid)
    {
        var spec = UpstreamSpec.Instance;
        var random = new Random(Seed);
        var all = new List<FuzzRequest>();
        foreach (var (pathTemplate, item) in spec.Paths)
        {
            foreach (var (method, opNode) in item!.AsObject())
            {
                if (opNode is not JsonObject op || op["operationId"] is null) continue;
                var id = (string)op["operationId"]!;
                var operation = SpecOperation.For(id);
                var verb = method.ToUpperInvariant();
                var names = Regex.Matches(pathTemplate, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();
                string PathWith(string? name, string? value) =>
                    Regex.Replace(pathTemplate, "{([^}]+)}", m => m.Groups[1].Value == name ? value! : valid.GetValueOrDefault(m.Groups[1].Value, "x1"));
                var validPath = PathWith(null, null);
                var schema = operation.BodySchema is null ? null : Resolve(operation.BodySchema);
                var skeleton = schema is null ? null : Example(schema, 0);
                byte[]? Bytes(JsonNode? node) => Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
                var validBody = schema is null ? null : Bytes(skeleton);

                var mine = new List<FuzzRequest>();
                void Add(string kind, string path, byte[]? body, string? contentType = "application/json", string? tenant = null) =>
                    mine.Add(new FuzzRequest(id, kind, verb, path, body, body is null ? null : contentType, tenant));

                foreach (var name in names)
                    foreach (var odd in OddIds) Add("path id", PathWith(name, odd), validBody);
                foreach (var p in operation.Parameters.Where(p => p.In == "query"))
                    foreach (var value in OddQueryValues) Add("query", $"{validPath}?{p.Name}={value}", validBody);
                Add("unknown query", $"{validPath}?fuzz=%00&fuzz=1", validBody);
                foreach (var tenant in OddTenants) Add("tenant header", validPath, validBody, tenant: tenant);

                if (schema is not null)
                {
                    foreach (var top in WrongValues.Append(JsonValue.Create("x")))
                        Add("body type", validPath, Bytes(top?.DeepClone()));
                    foreach (var (kind, node) in Mutations(schema, skeleton, random))
                        Add(kind, validPath, Bytes(node));
                    foreach (var (kind, raw) in RawBodies(skeleton))
                        Add(kind, validPath, raw);
                    foreach (var contentType in new string?[] { null, "text/plain", "application/jsonfoo", "application/x-www-form-urlencoded", "json" })
                        Add("content type", validPath, validBody, contentType);
                    Add("empty body", validPath, []);
                }
                else
                {
                    Add("unexpected body", validPath, Encoding.UTF8.GetBytes("""{"x":1,"x":2}"""));
                }

                // Bounded and deterministic: a fixed-seed sample of each operation's requests.
                all.AddRange(mine.Count <= MaxRequestsPerOperation ? mine : mine.OrderBy(_ => random.Next()).Take(MaxRequestsPerOperation).ToList());
            }
        }
        all.AddRange(ServerLevel(spec, valid));
        // Read-only operations first, deletes last, so that the seeded records are there for most requests.
        return all.OrderBy(r => r.Method switch { "GET" => 0, "POST" => 1, "PUT" => 2, "PATCH" => 3, _ => 4 }).ToList();
    }

    /// <summary>
    /// Errors of the server rather than of an operation, which the application answers itself: unknown routes (404),
    /// methods a path does not have (405), a request line over Bos's limit (414), header fields over its limits (431).
    /// </summary>
    private static IEnumerable<FuzzRequest> ServerLevel(UpstreamSpec spec, IReadOnlyDictionary<string, string> valid)
    {
        foreach (var route in UnknownRoutes)
            foreach (var method in new[] { "GET", "DELETE", "PATCH" })
                yield return new FuzzRequest("-", "server: unknown route", method, route, method == "PATCH" ? Encoding.UTF8.GetBytes("{}") : null,
                    method == "PATCH" ? "application/json" : null, null);
        foreach (var (pathTemplate, item) in spec.Paths)
        {
            var path = Regex.Replace(pathTemplate, "{([^}]+)}", m => valid.GetValueOrDefault(m.Groups[1].Value, "x1"));
            var declared = item!.AsObject().Select(p => p.Key.ToUpperInvariant()).ToHashSet();
            foreach (var method in Methods.Where(m => !declared.Contains(m)))
                yield return new FuzzRequest("-", "server: method not allowed", method, path, null, null, null);
            yield return new FuzzRequest("-", "server: long path (over Api:MaxRequestLineBytes)", "GET", path + "/" + new string('p', 9000), null, null, null);
            yield return new FuzzRequest("-", "server: long query (over Api:MaxRequestLineBytes)", "GET", path + "?fuzz=" + new string('q', 9000), null, null, null);
            yield return new FuzzRequest("-", "server: large header (over Api:MaxRequestHeadersBytes)", declared.First(), path, null, null, null,
                [new("X-Fuzz", new string('h', 40_000))]);
            yield return new FuzzRequest("-", "server: many headers (over Api:MaxRequestHeaderCount)", declared.First(), path, null, null, null,
                Enumerable.Range(0, 150).Select(i => new KeyValuePair<string, string>($"X-Fuzz-{i}", "v")).ToList());
        }
    }

    /// <summary>Wrong types, missing required and unknown fields, one property at a time (and inside array items).</summary>
    private static IEnumerable<(string Kind, JsonNode? Node)> Mutations(JsonObject schema, JsonNode? skeleton, Random random)
    {
        if (skeleton is JsonArray array && schema["items"] is JsonNode items && array.Count > 0)
        {
            foreach (var (kind, node) in Mutations(Resolve(items), array[0], random))
                yield return ("item " + kind, new JsonArray(node?.DeepClone()));
            yield break;
        }
        if (skeleton is not JsonObject obj) yield break;
        var properties = Properties(schema);
        foreach (var (name, propertySchema) in properties)
        {
            foreach (var wrong in WrongValues.OrderBy(_ => random.Next()).Take(4))
            {
                var copy = obj.DeepClone().AsObject();
                copy[name] = wrong?.DeepClone();
                yield return ($"wrong type of {name}", copy);
            }
            var resolved = Resolve(propertySchema);
            if (Example(resolved, 1) is JsonObject nested)
                foreach (var (kind, node) in Mutations(resolved, nested, random).Take(6))
                {
                    var copy = obj.DeepClone().AsObject();
                    copy[name] = node;
                    yield return ($"{name}.{kind}", copy);
                }
        }
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
        {
            var copy = obj.DeepClone().AsObject();
            copy.Remove(required);
            yield return ($"missing {required}", copy);
        }
        var unknown = obj.DeepClone().AsObject();
        unknown["fuzz_unknown_field"] = 1;
        yield return ("unknown field", unknown);
        var readOnly = obj.DeepClone().AsObject();
        readOnly["last_updated"] = "2026-01-01T00:00:00Z";
        readOnly["name"] = "..";
        yield return ("read-only fields", readOnly);
    }

    /// <summary>Bodies a JSON serializer would never write.</summary>
    private static IEnumerable<(string Kind, byte[] Body)> RawBodies(JsonNode? skeleton)
    {
        var text = skeleton?.ToJsonString() ?? "{}";
        var first = skeleton switch
        {
            JsonObject o when o.Count > 0 => o.First().Key,
            JsonArray { Count: > 0 } a when a[0] is JsonObject o2 && o2.Count > 0 => o2.First().Key,
            _ => "fuzz",
        };
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        yield return ("duplicate key", Utf8($"{{\"{first}\":1,\"{first}\":2}}"));
        yield return ("duplicate key deep", Utf8(text.Replace($"\"{first}\":", $"\"{first}\":null,\"{first}\":", StringComparison.Ordinal)));
        yield return ("lone surrogate", Utf8($"{{\"{first}\":\"\\ud800\"}}"));
        yield return ("lone low surrogate in key", Utf8("{\"\\udc00\":1}"));
        yield return ("reversed surrogates", Utf8($"{{\"{first}\":\"\\udc00\\ud800\"}}"));
        yield return ("invalid UTF-8", [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}']);
        yield return ("overlong UTF-8", [(byte)'"', 0xC0, 0xAF, (byte)'"']);
        yield return ("truncated", Utf8(text[..Math.Max(1, text.Length / 2)]));
        yield return ("trailing garbage", Utf8(text + "}{"));
        yield return ("comment", Utf8("/*x*/" + text));
        yield return ("single quotes", Utf8(text.Replace('"', '\'')));
        yield return ("NaN", Utf8($"{{\"{first}\":NaN}}"));
        yield return ("huge number", Utf8($"{{\"{first}\":1{new string('0', 400)}}}"));
        yield return ("deep objects", Utf8(string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200)));
        yield return ("deep arrays", Utf8(new string('[', 5000) + new string(']', 5000)));
        yield return ("huge body (2 MiB, above the limit)", Utf8("[" + string.Join(',', Enumerable.Repeat(text, 2 * 1024 * 1024 / Math.Max(2, text.Length) + 1)) + "]"));
        yield return ("huge string (512 KiB)", Utf8($"{{\"{first}\":\"{new string('s', 512 * 1024)}\"}}"));
        yield return ("BOM", [0xEF, 0xBB, 0xBF, .. Utf8(text)]);
        yield return ("NUL byte", [.. Utf8(text), 0]);
        yield return ("whitespace only", Utf8("  \n "));
    }

    private static JsonObject Resolve(JsonNode schema)
    {
        var o = schema.AsObject();
        while (o["$ref"] is JsonNode r) o = UpstreamSpec.Instance.Resolve((string)r!).AsObject();
        return o;
    }

    private static IEnumerable<(string Name, JsonNode Schema)> Properties(JsonObject schema) =>
        (schema["properties"] as JsonObject ?? []).Select(p => (p.Key, p.Value!));

    /// <summary>A plausible value of a schema: required properties only, the first enum value, the minimum.</summary>
    private static JsonNode? Example(JsonObject schema, int depth)
    {
        if (schema["oneOf"] is JsonArray oneOf) return Example(Resolve(oneOf[0]!), depth);
        if (schema["enum"] is JsonArray e && e.Count > 0) return e[0]?.DeepClone();
        switch ((string?)schema["type"])
        {
            case "object" or null when schema["properties"] is JsonObject || (string?)schema["type"] == "object":
                var obj = new JsonObject();
                if (depth > 4) return obj;
                foreach (var name in (schema["required"] as JsonArray ?? []).Select(r => (string)r!))
                    if (schema["properties"]?[name] is JsonNode p) obj[name] = Example(Resolve(p), depth + 1);
                return obj;
            case "array":
                return schema["items"] is JsonNode items && depth <= 4 ? new JsonArray(Example(Resolve(items), depth + 1)) : new JsonArray();
            case "integer": return JsonValue.Create(schema["minimum"] is JsonNode min ? (long)Math.Ceiling(double.Parse(min.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)) : 1);
            case "number": return JsonValue.Create(1);
            case "boolean": return JsonValue.Create(false);
            case "string": return JsonValue.Create("fuzz");
            default: return null;
        }
    }
}
