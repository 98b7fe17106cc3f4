using System.CommandLine;
using System.Text.Json.Nodes;

namespace Bos.Cli;

/// <summary>The resource commands; each prints the API's answer in the chosen format and exits 1 on a refusal.</summary>
public sealed class Commands(GlobalOptions globals, TextWriter output, TextWriter errors)
{
    private static readonly string[] TemplateColumns = ["name", "description", "enable_cfs"];
    private static readonly string[] SessionColumns = ["name", "operation", "template_name", "limit", "stage", "status.status", "status.start_time", "status.error"];
    private static readonly string[] ComponentColumns = ["id", "enabled", "session", "status.phase", "status.status", "last_action.action", "error"];
    private static readonly string[] HistoryColumns = ["time", "kind", "session", "summary"];
    private static readonly string[] AuditColumns = ["time", "subject", "tenant", "action", "resource_type", "resource_id", "status", "problem"];
    private static readonly string[] DryRunColumns = ["id", "boot_set", "action", "current.power", "current.session", "reason"];

    public Command Templates()
    {
        var command = new Command("templates", "Session templates");
        var name = new Argument<string>("name");
        var file = new Option<FileInfo>("--file") { Description = "JSON body of the template", Required = true };
        command.Subcommands.Add(Leaf("list", "List templates", [], [], (c, _, ct) => c.GetAsync("/v2/sessiontemplates", ct), TemplateColumns));
        command.Subcommands.Add(Leaf("get", "Show a template", [name], [], (c, p, ct) => c.GetAsync($"/v2/sessiontemplates/{Id(p, name)}", ct)));
        command.Subcommands.Add(Leaf("validate", "Validate a template", [name], [], (c, p, ct) => c.GetAsync($"/v2/sessiontemplatesvalid/{Id(p, name)}", ct)));
        command.Subcommands.Add(Leaf("put", "Create or replace a template", [name], [file],
            (c, p, ct) => c.PutAsync($"/v2/sessiontemplates/{Id(p, name)}", JsonNode.Parse(File.ReadAllText(p.GetValue(file)!.FullName))!, ct)));
        command.Subcommands.Add(Leaf("delete", "Delete a template", [name], [], (c, p, ct) => c.DeleteAsync($"/v2/sessiontemplates/{Id(p, name)}", ct)));
        return command;
    }

    public Command Sessions()
    {
        var command = new Command("sessions", "Sessions");
        var name = new Argument<string>("name");
        var request = new SessionRequestOptions();
        var watch = new Option<bool>("--watch") { Description = "Follow the session until it is complete; exit 1 if it fails" };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes of --watch", DefaultValueFactory = _ => 1.0 };
        command.Subcommands.Add(Leaf("list", "List sessions", [], [], (c, _, ct) => c.GetAsync("/v2/sessions", ct), SessionColumns));
        command.Subcommands.Add(Leaf("get", "Show a session", [name], [], (c, p, ct) => c.GetAsync($"/v2/sessions/{Id(p, name)}", ct)));
        command.Subcommands.Add(Leaf("status", "Show a session's extended status with its ETA", [name], [],
            (c, p, ct) => c.GetAsync($"/v2/sessions/{Id(p, name)}/status?include=eta", ct)));
        command.Subcommands.Add(Leaf("delete", "Delete a session", [name], [], (c, p, ct) => c.DeleteAsync($"/v2/sessions/{Id(p, name)}", ct)));

        var create = new Command("create", "Create a session (boot, reboot or shutdown of a template's nodes)");
        request.AddTo(create);
        create.Options.Add(watch);
        create.Options.Add(interval);
        create.SetAction((p, ct) => Run(p, async client =>
        {
            var session = await client.PostAsync("/v2/sessions", request.Body(p), ct);
            if (!p.GetValue(watch)) return Print(p, session);
            output.WriteLine($"session {(string?)session?["name"]} created");
            return await Watch(p, client, (string)session!["name"]!, interval, ct);
        }));
        command.Subcommands.Add(create);

        var follow = new Command("watch", "Follow a session live: progress per phase, failures, ETA; exit 1 if it fails");
        follow.Arguments.Add(name);
        follow.Options.Add(interval);
        follow.SetAction((p, ct) => Run(p, client => Watch(p, client, p.GetValue(name)!, interval, ct)));
        command.Subcommands.Add(follow);
        return command;
    }

    public Command Components()
    {
        var command = new Command("components", "Components (nodes)");
        var id = new Argument<string>("id");
        var session = new Option<string?>("--session") { Description = "Only the components of this session" };
        command.Subcommands.Add(Leaf("list", "List components", [], [session],
            (c, p, ct) => c.GetAsync("/v2/components" + (p.GetValue(session) is { } s ? $"?session={Uri.EscapeDataString(s)}" : ""), ct), ComponentColumns));
        command.Subcommands.Add(Leaf("get", "Show a component", [id], [], (c, p, ct) => c.GetAsync($"/v2/components/{Id(p, id)}", ct)));
        var limit = LimitOption();
        var history = new Command("history", "A component's history: phase changes, power actions, errors, reports, sessions (newest first)");
        history.Arguments.Add(id);
        history.Options.Add(limit);
        history.SetAction((p, ct) => Run(p, async c =>
            PrintEntries(p, await c.GetAsync($"/v2/components/{Id(p, id)}/history" + Query(("limit", p.GetValue(limit)?.ToString())), ct), HistoryColumns)));
        command.Subcommands.Add(history);
        return command;
    }

    public Command Audit()
    {
        var since = new Option<string?>("--since") { Description = "Only entries at or after this RFC 3339 time" };
        var until = new Option<string?>("--until") { Description = "Only entries at or before this RFC 3339 time" };
        var resource = new Option<string?>("--resource") { Description = "Only this resource: a type (component), type/id (component/x1) or an id" };
        var limit = LimitOption();
        var command = new Command("audit", "The audit log of write requests and commands (newest first)");
        foreach (var option in new Option[] { since, until, resource, limit }) command.Options.Add(option);
        command.SetAction((p, ct) => Run(p, async c => PrintEntries(p, await c.GetAsync("/v2/audit" + Query(
            ("since", p.GetValue(since)), ("until", p.GetValue(until)), ("resource", p.GetValue(resource)), ("limit", p.GetValue(limit)?.ToString())), ct), AuditColumns)));
        return command;
    }

    private static Option<int?> LimitOption() => new("--limit") { Description = "At most this many entries (default 100)" };

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return given.Count == 0 ? "" : "?" + string.Join('&', given);
    }

    /// <summary>Table: the answer's entries as rows; json and yaml: the whole answer.</summary>
    private int PrintEntries(ParseResult parse, JsonNode? answer, IReadOnlyList<string> columns)
    {
        if (parse.GetValue(globals.Output) != "table") return Print(parse, answer);
        output.WriteLine(answer?["entries"] is JsonArray { Count: > 0 } entries ? Output.Table(entries, columns) : "no entries");
        return 0;
    }

    public Command Options()
    {
        var command = new Command("options", "Service-wide options");
        var settings = new Argument<string[]>("key=value") { Description = "Options to set (values are JSON, else strings)", Arity = ArgumentArity.OneOrMore };
        command.Subcommands.Add(Leaf("list", "Show the options", [], [], (c, _, ct) => c.GetAsync("/v2/options", ct)));
        command.Subcommands.Add(Leaf("update", "Change options", [settings], [], (c, p, ct) => c.PatchAsync("/v2/options", OptionsBody(p.GetValue(settings)!), ct)));
        return command;
    }

    public Command DryRun()
    {
        var command = new Command("dryrun", "What a session or applystaged would do, without doing it");
        var request = new SessionRequestOptions();
        var session = new Command("session", "Preview POST /v2/sessions");
        request.AddTo(session);
        session.SetAction((p, ct) => Run(p, async c => PrintDryRun(p, await c.PostAsync("/v2/sessions/dryrun", request.Body(p), ct))));
        var xnames = new Argument<string[]>("xname") { Arity = ArgumentArity.OneOrMore };
        var staged = new Command("staged", "Preview POST /v2/applystaged for these nodes");
        staged.Arguments.Add(xnames);
        staged.SetAction((p, ct) => Run(p, async c => PrintDryRun(p,
            await c.PostAsync("/v2/applystaged/dryrun", new JsonObject { ["xnames"] = new JsonArray([.. p.GetValue(xnames)!.Select(x => (JsonNode)x)]) }, ct))));
        command.Subcommands.Add(session);
        command.Subcommands.Add(staged);
        return command;
    }

    private Command Leaf(string name, string description, Argument[] arguments, Option[] options,
        Func<BosClient, ParseResult, CancellationToken, Task<JsonNode?>> call, IReadOnlyList<string>? columns = null)
    {
        var command = new Command(name, description);
        foreach (var argument in arguments) command.Arguments.Add(argument);
        foreach (var option in options) command.Options.Add(option);
        command.SetAction((p, ct) => Run(p, async client => Print(p, await call(client, p, ct), columns)));
        return command;
    }

    private async Task<int> Run(ParseResult parse, Func<BosClient, Task<int>> body)
    {
        using var client = globals.Client(parse);
        try
        {
            return await body(client);
        }
        catch (BosRequestException e)
        {
            errors.WriteLine($"error: {e.Status}: {e.Message}");
            return 1;
        }
        catch (HttpRequestException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private int Print(ParseResult parse, JsonNode? answer, IReadOnlyList<string>? columns = null)
    {
        if (answer is not null) output.WriteLine(Output.Render(answer, parse.GetValue(globals.Output)!, columns));
        return 0;
    }

    /// <summary>Table: the summary, warnings and errors, then one row per node. Exit 1 when it would not succeed.</summary>
    private int PrintDryRun(ParseResult parse, JsonNode? answer)
    {
        if (parse.GetValue(globals.Output) != "table") Print(parse, answer);
        else
        {
            output.WriteLine($"would succeed: {answer?["would_succeed"]}  actions: {answer?["actions"]?.ToJsonString()}");
            foreach (var warning in answer?["warnings"]?.AsArray() ?? []) output.WriteLine($"warning: {warning}");
            foreach (var error in answer?["errors"]?.AsArray() ?? []) output.WriteLine($"error: {error}");
            if (answer?["nodes"] is JsonArray { Count: > 0 } nodes) output.WriteLine(Output.Table(nodes, DryRunColumns));
        }
        return answer?["would_succeed"]?.GetValue<bool>() == true ? 0 : 1;
    }

    private Task<int> Watch(ParseResult parse, BosClient client, string name, Option<double> interval, CancellationToken ct) =>
        new SessionWatch(client, output, redraw: !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out),
            TimeSpan.FromSeconds(parse.GetValue(interval))).RunAsync(name, ct);

    private static string Id(ParseResult parse, Argument<string> argument) => Uri.EscapeDataString(parse.GetValue(argument)!);

    private static JsonObject OptionsBody(IEnumerable<string> settings)
    {
        var body = new JsonObject();
        foreach (var setting in settings)
        {
            var (key, value) = setting.IndexOf('=') is var i and > 0 ? (setting[..i], setting[(i + 1)..]) : throw new ArgumentException($"not key=value: {setting}");
            JsonNode? parsed;
            try { parsed = JsonNode.Parse(value); }
            catch (System.Text.Json.JsonException) { parsed = JsonValue.Create(value); }
            body[key] = parsed;
        }
        return body;
    }
}

/// <summary>The body of POST /v2/sessions and its dry run.</summary>
public sealed class SessionRequestOptions
{
    private readonly Option<string> _template = new("--template") { Description = "Session template name", Required = true };
    private readonly Option<string> _operation = new("--operation") { Description = "boot, reboot or shutdown", Required = true };
    private readonly Option<string?> _limit = new("--limit") { Description = "Limit: nodes, groups, roles (comma separated; & and ! prefixes)" };
    private readonly Option<string?> _name = new("--name") { Description = "Session name (default: a UUID)" };
    private readonly Option<bool> _stage = new("--stage") { Description = "Stage the state instead of applying it" };
    private readonly Option<bool> _includeDisabled = new("--include-disabled") { Description = "Include nodes HSM reports disabled" };

    public void AddTo(Command command)
    {
        _operation.AcceptOnlyFromAmong("boot", "reboot", "shutdown");
        foreach (var option in new Option[] { _template, _operation, _limit, _name, _stage, _includeDisabled }) command.Options.Add(option);
    }

    public JsonObject Body(ParseResult parse)
    {
        var body = new JsonObject { ["template_name"] = parse.GetValue(_template), ["operation"] = parse.GetValue(_operation) };
        if (parse.GetValue(_limit) is { } limit) body["limit"] = limit;
        if (parse.GetValue(_name) is { } name) body["name"] = name;
        if (parse.GetValue(_stage)) body["stage"] = true;
        if (parse.GetValue(_includeDisabled)) body["include_disabled"] = true;
        return body;
    }
}
