namespace Bos.Migrate;

/// <summary>The command line: `[--dry-run] [--from-upstream redis://host:port] [--Section:Key=value …]`.</summary>
public static class MigrateArguments
{
    public const string Usage = """
        Usage: dotnet Bos.Migrate.dll [--dry-run] [--from-upstream redis://host:port] [--Section:Key=value ...]
          (no option)      repair Bos's own data as upstream's migration job does (Helm hook, by hand)
          --from-upstream  import the upstream BOS database at that address (DBs 0-5, read only) into Bos
          --dry-run        report and log what would change; write nothing
          --Section:Key=…  settings, as for the API (Redis:Configuration, Redis:KeyPrefix, Startup:DependencyAttempts)
        Exit codes: 0 done, 1 failed (safe to run again), 2 Redis unreachable within the wait, 64 bad arguments.
        """;

    /// <summary>The settings and the remaining (configuration) arguments; ArgumentException for anything else.</summary>
    public static (MigrationSettings Settings, string[] Configuration) Parse(IReadOnlyList<string> args)
    {
        var settings = new MigrationSettings();
        var configuration = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--dry-run") settings = settings with { DryRun = true };
            else if (arg == "--from-upstream")
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new ArgumentException("--from-upstream needs a redis://host:port URL");
                settings = settings with { FromUpstream = args[++i] };
            }
            else if (arg.StartsWith("--from-upstream=", StringComparison.Ordinal)) settings = settings with { FromUpstream = arg["--from-upstream=".Length..] };
            else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':') && arg.Contains('=')) configuration.Add(arg);
            else throw new ArgumentException($"Unknown argument '{arg}'");
        }
        if (settings.FromUpstream is { } url) Upstream.UpstreamDatabase.Configuration(url);
        return (settings, configuration.ToArray());
    }
}
