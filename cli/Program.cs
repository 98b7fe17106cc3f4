using System.CommandLine;

namespace Bos.Cli;

/// <summary>
/// <c>bos</c>: templates, sessions, components (and their history), options, dry runs and the audit log against any Bos (or BOS v2) URL, with the cray
/// CLI's tenant and token options; <c>bos sessions watch</c> follows a session live.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => BuildCommand(Console.Out, Console.Error).Parse(args).InvokeAsync();

    public static RootCommand BuildCommand(TextWriter output, TextWriter errors)
    {
        var globals = new GlobalOptions();
        var root = new RootCommand("bos: the Bos boot orchestration service from the command line");
        globals.AddTo(root);
        var commands = new Commands(globals, output, errors);
        root.Subcommands.Add(commands.Templates());
        root.Subcommands.Add(commands.Sessions());
        root.Subcommands.Add(commands.Components());
        root.Subcommands.Add(commands.Options());
        root.Subcommands.Add(commands.DryRun());
        root.Subcommands.Add(commands.Audit());
        return root;
    }
}

/// <summary>Options every command takes.</summary>
public sealed class GlobalOptions
{
    public Option<string> Url { get; } = new("--url")
    {
        Description = "Bos API base URL (env BOS_URL)", Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BOS_URL") ?? "http://127.0.0.1:8080",
    };

    public Option<string?> Tenant { get; } = new("--tenant")
    {
        Description = "Tenant name, sent as Cray-Tenant-Name (env BOS_TENANT)", Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BOS_TENANT"),
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Bearer token (env BOS_TOKEN)", Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("BOS_TOKEN"),
    };

    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: table, json or yaml", Recursive = true, DefaultValueFactory = _ => "table",
    };

    public void AddTo(RootCommand root)
    {
        Output.AcceptOnlyFromAmong(Cli.Output.Formats);
        foreach (var option in new Option[] { Url, Tenant, Token, Output }) root.Options.Add(option);
    }

    public BosClient Client(ParseResult parse) => new(parse.GetValue(Url)!, parse.GetValue(Tenant), parse.GetValue(Token));
}
