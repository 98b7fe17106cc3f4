using Bos.Contracts.Resources;

namespace Bos.Core.Components;

/// <summary>
/// The side effects every API write applies to incoming component data (DM-41), in upstream's order.
/// For PATCH they apply to the patch before merging.
/// </summary>
public static class ComponentAutoFields
{
    /// <param name="data">The component data as received.</param>
    /// <param name="knownToken">The boot artifacts recorded for a BSS token (DB 4), or null when unknown.</param>
    /// <param name="now">The write's timestamp.</param>
    public static Component Apply(Component data, Func<string, BootArtifacts?> knownToken, string now)
    {
        // 1. Boot artifacts from a reported BSS token.
        if (data.ActualState is { BssToken: { Length: > 0 } token } actual && knownToken(token) is { } artifacts)
            data = data with { ActualState = actual with { BootArtifacts = artifacts } };

        // 2. last_updated, except on a report that carries only the token.
        if (data.ActualState is { } a && !OnlyToken(a))
            data = data with { ActualState = a with { LastUpdated = now } };
        if (data.DesiredState is { } d && !OnlyToken(d))
            data = data with { DesiredState = d with { LastUpdated = now } };
        if (data.StagedState is { } s) data = data with { StagedState = s with { LastUpdated = now } };
        if (data.LastAction is { } l) data = data with { LastAction = l with { LastUpdated = now } };

        // 3. Newly enabled components wait on hold until the status assessment.
        if (data.Enabled == true)
            data = data with { Status = (data.Status ?? new ComponentStatus()) with { StatusOverride = Statuses.OnHold } };

        // 4. A manual desired-state change detaches the component from its session.
        if (data.DesiredState is not null && string.IsNullOrEmpty(data.Session))
            data = data with { Session = "" };

        // 5. A new target resets the retry counters.
        if (data.DesiredState is { } desired && (desired.BootArtifacts is not null || desired.Configuration is not null))
            data = data with { EventStats = EventStats.Zero };

        return data;
    }

    private static bool OnlyToken(ActualState a) => a is { BssToken: not null, BootArtifacts: null, LastUpdated: null };

    private static bool OnlyToken(DesiredState d) => d is { BssToken: not null, BootArtifacts: null, Configuration: null, LastUpdated: null };
}
