using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Bos.Simulator.Logging;

/// <summary>
/// The simulator's own logging, the same shape as Bos's hosts (Serilog, JSON lines or readable console) but without
/// depending on Bos: the simulator stands in for other services and shares no code with the system it serves.
/// Configuration: "Logging:Level" (DEBUG, INFO, WARNING, ERROR, CRITICAL, or Serilog's names) and "Logging:Format"
/// ("json" | "console"; console in Development).
/// </summary>
public static class SimulatorLogging
{
    public static IHostApplicationBuilder AddSimulatorLogging(this IHostApplicationBuilder builder)
    {
        var level = Level(builder.Configuration["Logging:Level"]);
        var format = builder.Configuration["Logging:Format"]
                     ?? (builder.Environment.IsDevelopment() ? "console" : "json");
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            // Framework chatter stays at warning unless the simulator is debugging.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", builder.Environment.ApplicationName);
        logger = format.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger.CreateLogger(), dispose: true);
        return builder;
    }

    /// <summary>Upstream BOS's level names (what scripts and tests pass), else Serilog's; information when neither.</summary>
    private static LogEventLevel Level(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "DEBUG" => LogEventLevel.Debug,
        "INFO" => LogEventLevel.Information,
        "WARNING" => LogEventLevel.Warning,
        "ERROR" => LogEventLevel.Error,
        "CRITICAL" => LogEventLevel.Fatal,
        _ => Enum.TryParse<LogEventLevel>(name, true, out var level) ? level : LogEventLevel.Information,
    };
}
