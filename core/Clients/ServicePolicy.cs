using Bos.Core.Options;

namespace Bos.Core.Clients;

/// <summary>
/// Per-service timeout and retry budget (EXT-01): read timeouts come from the live options (<c>*_read_timeout</c>),
/// so a changed option applies to the next request; TAPMS and S3 have upstream's fixed values.
/// </summary>
public sealed record ServicePolicy(
    string Name,
    Func<BosOptions, TimeSpan> ReadTimeout,
    Func<BosOptions, ServiceRetryOptions, int> MaxRetries)
{
    public static ServicePolicy Hsm { get; } = new("hsm", o => Seconds(o.HsmReadTimeout), (_, r) => r.MaxRetries);

    public static ServicePolicy Pcs { get; } = new("pcs", o => Seconds(o.PcsReadTimeout), (_, r) => r.MaxRetries);

    public static ServicePolicy Bss { get; } = new("bss", o => Seconds(o.BssReadTimeout), (_, r) => r.MaxRetries);

    public static ServicePolicy Cfs { get; } = new("cfs", o => Seconds(o.CfsReadTimeout), (_, r) => r.MaxRetries);

    /// <summary>IMS retries 4 times, 8 when ims_errors_fatal makes an unreachable IMS fail validation.</summary>
    public static ServicePolicy Ims { get; } = new("ims", o => Seconds(o.ImsReadTimeout), (o, _) => o.ImsErrorsFatal ? 8 : 4);

    /// <summary>boto3 (60 s timeouts, legacy retry mode: 4 retries).</summary>
    public static ServicePolicy S3 { get; } = new("s3", _ => TimeSpan.FromSeconds(60), (_, _) => 4);

    public static ServicePolicy Tapms { get; } = new("tapms", _ => TimeSpan.FromSeconds(10), (_, r) => r.MaxRetries);

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(Math.Max(1, seconds));
}
