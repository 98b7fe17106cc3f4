namespace Bos.Contracts.Resources;

/// <summary>
/// One boot set of a template (V2BootSet, DM-60). <c>Name</c> is write-only: accepted in requests (it must equal
/// the map key) and removed before storage.
/// </summary>
public sealed record BootSet
{
    public string? Name { get; init; }
    public string? Path { get; init; }
    public string? Type { get; init; }
    public string? Etag { get; init; }
    public string? KernelParameters { get; init; }
    public IReadOnlyList<string>? NodeList { get; init; }
    public IReadOnlyList<string>? NodeRolesGroups { get; init; }
    public IReadOnlyList<string>? NodeGroups { get; init; }
    public string? Arch { get; init; }
    public string? RootfsProvider { get; init; }
    public string? RootfsProviderPassthrough { get; init; }
    public Cfs? Cfs { get; init; }
}

/// <summary>Boot set architectures (DM-35).</summary>
public static class BootSetArchs
{
    public const string X86 = "X86";
    public const string Arm = "ARM";
    public const string Other = "Other";
    public const string Unknown = "Unknown";

    /// <summary>Stored explicitly when a boot set has none (T3).</summary>
    public const string Default = X86;
}
