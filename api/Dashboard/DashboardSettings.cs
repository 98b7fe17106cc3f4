namespace Bos.Api.Dashboard;

/// <summary>The "Dashboard" settings section (docs/dashboard.md).</summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";

    /// <summary>How often each watched feed reads Redis; a change reaches browsers at most this late.</summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A stream that had nothing to send for this long gets a <c>keepalive</c> event, so proxies and load balancers that
    /// close idle connections (often after 60 s) do not cut a browser watching a quiet session.
    /// </summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
