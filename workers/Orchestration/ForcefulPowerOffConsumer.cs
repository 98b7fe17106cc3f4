using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Time;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>
/// OP-14: PCS Force-Off for enabled components in power_off_gracefully_called or power_off_forcefully_called whose
/// last action is older than max_power_off_wait_time (or has no time): repeated every max_power_off_wait_time until
/// the node is off or the forceful counter reaches the retry policy.
/// </summary>
public sealed class ForcefulPowerOffConsumer(PowerOperatorServices services, ILogger<ForcefulPowerOffConsumer> logger)
    : PowerOperator<ForcefulPowerOffRequested>(services, logger)
{
    protected override string Action => Actions.PoweringOffForcefully;

    protected override RetryCounter Counter => RetryCounter.PowerOffForceful;

    protected override string Verb => "power off forcefully";

    protected override string ComponentId(ForcefulPowerOffRequested request) => request.ComponentId;

    protected override bool Selects(Component component, BosOptions options, DateTimeOffset now) =>
        component.Enabled == true
        && ComponentStatusRule.Compute(component) is Statuses.PowerOffGracefullyCalled or Statuses.PowerOffForcefullyCalled
        && (!Timestamps.TryParse(component.LastAction?.LastUpdated, out var at) || now - at > TimeSpan.FromSeconds(options.MaxPowerOffWaitTime));

    protected override Task<IReadOnlyList<TransitionStarted>> ActAsync(IReadOnlyList<Component> chunk, Dictionary<string, string> errors, CancellationToken ct) =>
        TransitionAsync(PowerOperation.ForceOff, chunk, ct);
}

public sealed class ForcefulPowerOffConsumerDefinition(IOptions<OrchestrationSettings> settings)
    : BatchConsumerDefinition<ForcefulPowerOffConsumer>(settings);
