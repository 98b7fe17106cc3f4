namespace Bos.Simulator.Services.Pcs;

/// <summary>
/// The operations of a PCS transition the simulated PCS carries out, as PCS's server side sees them: parsed from the
/// request's <c>operation</c> and written back in its answers. Bos's client has its own view of the same wire field
/// (<c>Bos.Core.Clients.PowerOperation</c>, what Bos asks for); the two meet only on the wire, so the contract tests
/// check Bos's client against PCS's API rather than against shared code. Real PCS knows more operations (Off, Init,
/// Soft-Restart, Hard-Restart); the simulator supports the three Bos uses.
/// </summary>
public enum TransitionOperation
{
    On,
    SoftOff,
    ForceOff,
}

/// <summary>PCS's wire names of the <see cref="TransitionOperation"/>s ("On", "Soft-Off", "Force-Off", any case on input).</summary>
public static class TransitionOperations
{
    public static TransitionOperation? Parse(string? operation) => operation?.ToLowerInvariant() switch
    {
        "on" => TransitionOperation.On,
        "soft-off" => TransitionOperation.SoftOff,
        "force-off" => TransitionOperation.ForceOff,
        _ => null,
    };

    public static string Name(TransitionOperation operation) => operation switch
    {
        TransitionOperation.On => "On",
        TransitionOperation.SoftOff => "Soft-Off",
        _ => "Force-Off",
    };
}
