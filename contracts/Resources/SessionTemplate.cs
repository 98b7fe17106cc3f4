using System.Text.Json.Serialization;

namespace Bos.Contracts.Resources;

/// <summary>
/// A session template (DM-60) as stored and returned: `tenant` is always present (null when untenanted),
/// boot sets are keyed by name and stored without their own `name`. `links` is never populated upstream.
/// </summary>
public sealed record SessionTemplate
{
    public string? Name { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? Tenant { get; init; }

    public string? Description { get; init; }
    public bool? EnableCfs { get; init; }
    public Cfs? Cfs { get; init; }
    public IReadOnlyDictionary<string, BootSet>? BootSets { get; init; }
}

/// <summary>CFS parameters of a template or a boot set (V2CfsParameters).</summary>
public sealed record Cfs
{
    public string? Configuration { get; init; }
}
