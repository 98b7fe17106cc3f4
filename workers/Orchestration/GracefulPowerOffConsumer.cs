using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Components;
using Bos.Core.Options;
using Microsoft.Extensions.Options;

namespace Bos.Workers.Orchestration;

/// <summary>OP-13: PCS Soft-Off for enabled components in power_off_pending, one transition per chunk.</summary>
public sealed class GracefulPowerOffConsumer(PowerOperatorServices services, ILogger<GracefulPowerOffConsumer> logger)
    : PowerOperator<GracefulPowerOffRequested>(services, logger)
{
    protected override string Action => Actions.PoweringOffGracefully;

    protected override RetryCounter Counter => RetryCounter.PowerOffGraceful;

    protected override string Verb => "power off gracefully";

    protected override string ComponentId(GracefulPowerOffRequested request) => request.ComponentId;

    protected override bool Selects(Component component, BosOptions options, DateTimeOffset now) =>
        component.Enabled == true && ComponentStatusRule.Compute(component) == Statuses.PowerOffPending;

    protected override Task<IReadOnlyList<TransitionStarted>> ActAsync(IReadOnlyList<Component> chunk, Dictionary<string, string> errors, CancellationToken ct) =>
        TransitionAsync(PowerOperation.SoftOff, chunk, ct);
}

public sealed class GracefulPowerOffConsumerDefinition(IOptions<OrchestrationSettings> settings)
    : BatchConsumerDefinition<GracefulPowerOffConsumer>(settings);
