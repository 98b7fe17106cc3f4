using Bos.Contracts.Resources;
using Bos.Core.Clients;

namespace Bos.Workers.Orchestration;

/// <summary>OP-13: PCS Soft-Off for enabled components in power_off_pending, one transition per chunk.</summary>
public sealed class GracefulPowerOffOperator(PowerOperatorServices services, ILogger<GracefulPowerOffOperator> logger)
    : PowerOperator(services, logger)
{
    protected override string Action => Actions.PoweringOffGracefully;

    protected override RetryCounter Counter => RetryCounter.PowerOffGraceful;

    protected override string Verb => "power off gracefully";

    public override ActionKind Kind => ActionKind.GracefulOff;

    protected override Task<IReadOnlyList<TransitionStarted>> ActAsync(IReadOnlyList<Component> chunk, Dictionary<string, string> errors, CancellationToken ct) =>
        TransitionAsync(PowerOperation.SoftOff, chunk, ct);
}
