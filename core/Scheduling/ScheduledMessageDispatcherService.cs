using Microsoft.Extensions.Hosting;

namespace Bos.Core.Scheduling;

/// <summary>Runs the <see cref="ScheduledMessageDispatcher"/> in every process that hosts the bus.</summary>
public sealed class ScheduledMessageDispatcherService(ScheduledMessageDispatcher dispatcher, IHostApplicationLifetime lifetime)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every hosted service, the bus included (WaitUntilStarted), has started once this fires.
        if (!await WaitForStart(stoppingToken)) return;
        await dispatcher.RunAsync(stoppingToken);
    }

    private async Task<bool> WaitForStart(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
