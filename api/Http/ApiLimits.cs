namespace Bos.Api.Http;

/// <summary>Settings of section "Api": limits on what a request may send.</summary>
public sealed class ApiLimits
{
    public const string Section = "Api";

    /// <summary>
    /// The largest request body accepted, in bytes (413 above it). 512 MiB by default: a bulk PUT or PATCH of 100,000
    /// components with desired, actual and staged boot artifacts and long kernel parameters is about 200 MB (more than
    /// twice that fits); Kestrel's own 30 MB default would refuse it.
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Deepest JSON nesting accepted in a body (no BOS document nests deeper than 6).</summary>
    public int MaxJsonDepth { get; set; } = 64;
}
