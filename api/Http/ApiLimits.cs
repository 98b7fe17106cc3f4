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

    /// <summary>The longest request line (method, target, version) accepted: 414 problem above it. Kestrel's default.</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>The largest total of request header fields accepted: 431 problem above it. Kestrel's default.</summary>
    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>The most request header fields accepted: 431 problem above it. Kestrel's default.</summary>
    public int MaxRequestHeaderCount { get; set; } = 100;

    /// <summary>
    /// Kestrel's request-line limit, raised above <see cref="MaxRequestLineBytes"/> so that the application sees (and
    /// answers with a problem) what is between the two; above it Kestrel answers a bare 414 before the application runs.
    /// </summary>
    public int ServerMaxRequestLineBytes { get; set; } = 64 * 1024;

    /// <summary>Kestrel's header-size limit, raised above <see cref="MaxRequestHeadersBytes"/> (bare 431 above it).</summary>
    public int ServerMaxRequestHeadersBytes { get; set; } = 64 * 1024;

    /// <summary>Kestrel's header-count limit, raised above <see cref="MaxRequestHeaderCount"/> (bare 431 above it).</summary>
    public int ServerMaxRequestHeaderCount { get; set; } = 1000;
}
