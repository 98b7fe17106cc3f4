using System.Text.Json.Serialization;

namespace Bos.Simulator.Services.Hsm;

/// <summary>Body of POST /State/Components/Query: ids plus HSM's string-list filters.</summary>
public sealed class HsmQuery
{
    [JsonPropertyName("ComponentIDs")]
    public List<string>? ComponentIDs { get; set; }

    public List<string>? Type { get; set; }

    public List<string>? State { get; set; }

    public List<string>? Role { get; set; }

    public List<string>? SubRole { get; set; }

    public List<string>? Enabled { get; set; }

    public List<string>? Arch { get; set; }
}

/// <summary>HSM's component filters: each list matches case-insensitively; an empty list matches everything.</summary>
public sealed record HsmFilter(
    IReadOnlyList<string> Type,
    IReadOnlyList<string> State,
    IReadOnlyList<string> Role,
    IReadOnlyList<string> SubRole,
    IReadOnlyList<string> Enabled,
    IReadOnlyList<string> Arch,
    IReadOnlyList<string> Ids)
{
    public static HsmFilter FromQuery(IQueryCollection q) => new(
        Values(q["type"]), Values(q["state"]), Values(q["role"]), Values(q["subrole"]),
        Values(q["enabled"]), Values(q["arch"]), Values(q["id"]));

    public static HsmFilter FromBody(HsmQuery b) => new(
        b.Type ?? [], b.State ?? [], b.Role ?? [], b.SubRole ?? [], b.Enabled ?? [], b.Arch ?? [], []);

    public bool Matches(HsmComponent c) =>
        Any(Type, c.Type) && Any(State, c.State) && Any(Role, c.Role) && Any(SubRole, c.SubRole ?? "")
        && Any(Arch, c.Arch) && Any(Ids, c.Id)
        && (Enabled.Count == 0 || Enabled.Any(e => ParseBool(e) == c.Enabled));

    /// <summary>HSM accepts Go's boolean spellings ("True", "true", "1", ...); anything else is no match.</summary>
    public static bool? ParseBool(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" or "t" or "1" => true,
        "false" or "f" or "0" => false,
        _ => null,
    };

    private static bool Any(IReadOnlyList<string> wanted, string actual) =>
        wanted.Count == 0 || wanted.Any(w => w.Equals(actual, StringComparison.OrdinalIgnoreCase));

    private static List<string> Values(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
}
