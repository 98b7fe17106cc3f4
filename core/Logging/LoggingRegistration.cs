using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Json;

namespace Bos.Core.Logging;

/// <summary>
/// Serilog for every host: JSON lines in production, readable console in development.
/// Configuration: "Logging:Level" (upstream names or Serilog's) and "Logging:Format" ("json" | "console").
/// The API adds Serilog.AspNetCore's request logging on top (api/Http/RequestLogging.cs).
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
        var application = builder.Environment.ApplicationName;

        builder.Services.AddSingleton(controller);
        builder.Logging.ClearProviders();
        // Serilog.Extensions.Hosting: Serilog becomes the logger factory (disposed with the host), and the Serilog
        // logger and the diagnostic context that Serilog.AspNetCore's request logging needs are registered. The
        // static Log stays untouched, so several hosts in one process (the tests) keep their own loggers.
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.ControlledBy(controller.Switch)
                // Framework chatter stays at warning unless Bos is debugging.
                .MinimumLevel.Override("Microsoft", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("MassTransit", Serilog.Events.LogEventLevel.Warning)
                // IHttpClientFactory logs every service call at information level.
                .MinimumLevel.Override("System.Net.Http.HttpClient", Serilog.Events.LogEventLevel.Warning)
                // Sinks or enrichers registered as services (ILogEventSink, ILogEventEnricher) join in: tests read events this way.
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", application);
            if (format.Equals("json", StringComparison.OrdinalIgnoreCase))
                logger.WriteTo.Console(new JsonFormatter(renderMessage: true));
            else
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }, preserveStaticLogger: true);
        return builder;
    }
}
