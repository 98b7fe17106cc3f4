using Bos.Contracts.Resources;
using Bos.Core.Clients;

namespace Bos.Workers.Orchestration;

/// <summary>
/// OP-14: PCS Force-Off for enabled components in power_off_gracefully_called or power_off_forcefully_called whose
/// last action is older than max_power_off_wait_time (or has no time): repeated every max_power_off_wait_time until
/// the node is off or the forceful counter reaches the retry policy.
/// </summary>
public sealed class ForcefulPowerOffOperator(PowerOperatorServices services, ILogger<ForcefulPowerOffOperator> logger)
    : PowerOperator(services, logger)
{
    protected override string Action => Actions.PoweringOffForcefully;

    protected override RetryCounter Counter => RetryCounter.PowerOffForceful;

    protected override string Verb => "power off forcefully";

    public override ActionKind Kind => ActionKind.ForcefulOff;

    protected override Task<IReadOnlyList<TransitionStarted>> ActAsync(IReadOnlyList<Component> chunk, Dictionary<string, string> errors, CancellationToken ct) =>
        TransitionAsync(PowerOperation.ForceOff, chunk, ct);
}
