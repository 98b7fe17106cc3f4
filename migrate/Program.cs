using Bos.Core.Health;
using Bos.Core.Logging;
using Bos.Migrate.Own;
using Bos.Migrate.Report;
using Bos.Migrate.Upstream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bos.Migrate;

/// <summary>
/// `dotnet Bos.Migrate.dll`: the chart's migration hook and the admin's import tool. Waits for Redis (bounded,
/// logged), runs one migration, prints its report and exits with a code from <see cref="ExitCodes"/>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        MigrationSettings settings;
        string[] configuration;
        try
        {
            (settings, configuration) = MigrateArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + MigrateArguments.Usage);
            return ExitCodes.Usage;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = configuration, ApplicationName = "Bos.Migrate" });
        builder.AddBosLogging();
        builder.Services.AddBosMigration(builder.Configuration, settings);
        using var host = builder.Build();
        if (await StartupWait.WaitForDependenciesAsync(host.Services, "Bos.Migrate", broker: false) is { } exit)
            return exit == 0 ? ExitCodes.Failed : ExitCodes.Unreachable;
        var (code, report) = await RunAsync(host.Services, settings);
        report?.Print(Console.Out, settings.FromUpstream is null ? "Bos data migration" : $"Import of upstream BOS at {settings.FromUpstream}");
        return code;
    }

    /// <summary>One migration against the configured Redis: the exit code and, when it ran, its report.</summary>
    public static async Task<(int Code, MigrationReport? Report)> RunAsync(IServiceProvider services, MigrationSettings settings)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Bos.Migrate");
        try
        {
            if (settings.FromUpstream is null)
                return (ExitCodes.Done, await services.GetRequiredService<OwnDataMigration>().RunAsync());
            var wait = services.GetRequiredService<IConfiguration>().GetSection(StartupOptions.Section).Get<StartupOptions>() ?? new StartupOptions();
            await using var upstream = await UpstreamDatabase.ConnectAsync(settings.FromUpstream, wait, logger, CancellationToken.None);
            logger.LogInformation("Importing upstream BOS at {Upstream}{DryRun}", upstream.Address, settings.DryRun ? " (dry run)" : "");
            return (ExitCodes.Done, await services.GetRequiredService<UpstreamImport>().RunAsync(upstream));
        }
        catch (TimeoutException e)
        {
            logger.LogCritical("Migration cannot start: {Error}", e.Message);
            return (ExitCodes.Unreachable, null);
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "Migration failed part-way; it is safe to run it again");
            return (ExitCodes.Failed, null);
        }
    }
}
