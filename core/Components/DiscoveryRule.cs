using Bos.Contracts.Resources;
using Bos.Core.Clients;

namespace Bos.Core.Components;

/// <summary>Discovery (OP-10): HSM nodes that are not BOS components yet, and the record each new component starts with.</summary>
public static class DiscoveryRule
{
    /// <summary>Ids of HSM components of type Node that <paramref name="known"/> lacks, in id order.</summary>
    public static IReadOnlyList<string> NewNodes(IEnumerable<HsmComponent> hsm, IReadOnlySet<string> known) =>
        hsm.Where(c => c.Type == "Node" && !string.IsNullOrEmpty(c.Id) && !known.Contains(c.Id))
            .Select(c => c.Id).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Upstream's new-component record (§2.1.1): empty states, last_action newly_discovered, disabled.</summary>
    public static Component NewRecord(string id) => new()
    {
        Id = id,
        ActualState = ActualState.Empty,
        DesiredState = DesiredState.Empty,
        StagedState = new StagedState(),
        LastAction = new LastAction { Action = Actions.NewlyDiscovered, Failed = false },
        Enabled = false,
        Error = "",
        Session = "",
    };
}
