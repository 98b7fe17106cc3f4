namespace Bos.Api.Dashboard;

/// <summary>The "Dashboard" settings section (docs/dashboard.md).</summary>
public sealed class DashboardSettings
{
    public const string Section = "Dashboard";

    /// <summary>How often each watched feed reads Redis; a change reaches browsers at most this late.</summary>
    public TimeSpan FeedInterval { get; set; } = TimeSpan.FromSeconds(1);
}
