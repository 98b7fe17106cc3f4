using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Json;

namespace Bos.Core.Logging;

/// <summary>
/// Serilog for every host: JSON lines in production, readable console in development.
/// Configuration: "Logging:Level" (upstream names or Serilog's) and "Logging:Format" ("json" | "console").
/// </summary>
public static class LoggingRegistration
{
    public static IHostApplicationBuilder AddBosLogging(this IHostApplicationBuilder builder)
    {
        var controller = new LogLevelController();
        var configured = builder.Configuration["Logging:Level"];
        if (!controller.Apply(configured) && Enum.TryParse<Serilog.Events.LogEventLevel>(configured, true, out var level))
            controller.Switch.MinimumLevel = level;

        var format = builder.Configuration["Logging:Format"]
                     ?? (builder.Environment.IsDevelopment() ? "console" : "json");
        var logger = new LoggerConfiguration()
            .MinimumLevel.ControlledBy(controller.Switch)
            // Framework chatter stays at warning unless Bos is debugging.
            .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("MassTransit", Serilog.Events.LogEventLevel.Warning)
            // IHttpClientFactory logs every service call at information level.
            .MinimumLevel.Override("System.Net.Http.HttpClient", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Application", builder.Environment.ApplicationName);
        logger = format.Equals("json", StringComparison.OrdinalIgnoreCase)
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");

        builder.Services.AddSingleton(controller);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger.CreateLogger(), dispose: true);
        return builder;
    }
}
