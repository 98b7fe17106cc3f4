using Bos.Simulator.Faults;

namespace Bos.Simulator.Http;

/// <summary>
/// Applies the per-service fault knobs before a request reaches its service: holds it (a hang, to trip client
/// timeouts) and/or answers with the configured 5xx instead of the service.
/// </summary>
public sealed class ServiceFaultMiddleware(RequestDelegate next, FaultInjector faults, ServiceDirectory services, ILogger<ServiceFaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var service = services.ServiceOf(context.Request.Path);
        var decision = service is null ? default : faults.Decide(service, context.Request.Path.Value);
        if (decision.None)
        {
            await next(context);
            return;
        }
        if (decision.Hang is { } hang)
        {
            logger.LogInformation("Fault: holding {Service} {Method} {Path} for {Hang}", service, context.Request.Method, context.Request.Path, hang);
            try { await Task.Delay(hang, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        if (decision.ErrorStatus is { } status)
        {
            logger.LogInformation("Fault: answering {Service} {Method} {Path} with {Status}", service, context.Request.Method, context.Request.Path, status);
            await Problem.Result(status, $"simulated {service} fault").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
