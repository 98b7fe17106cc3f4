namespace Bos.Workers;

/// <summary>
/// Which operator families this worker process runs (setting `Worker:Operators`, comma-separated): `sessions`
/// (setup, completion, cleanup, discovery, actual-state cleanup) and `components` (the component saga and its power,
/// BSS and CFS consumers). Both by default; a deployment can split them across processes.
/// </summary>
public sealed record WorkerOperators(bool Sessions, bool Components)
{
    public const string Setting = "Worker:Operators";

    public static WorkerOperators From(IConfiguration configuration)
    {
        var value = configuration[Setting];
        if (string.IsNullOrWhiteSpace(value)) return new WorkerOperators(true, true);
        var names = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(n => n.ToLowerInvariant()).ToHashSet();
        var unknown = names.Except(["sessions", "components"]).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"{Setting}: unknown operator famil{(unknown.Count == 1 ? "y" : "ies")} {string.Join(", ", unknown)} (known: sessions, components)");
        return new WorkerOperators(names.Contains("sessions"), names.Contains("components"));
    }
}
