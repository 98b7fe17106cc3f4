using Bos.Workers.Tests.Orchestration;
using Xunit;

namespace Bos.Ui.Tests;

/// <summary>A whole Bos (API on Kestrel, a worker with every operator, the 16-node simulated cluster) for the browser.</summary>
public sealed class DashboardCluster : OrchestrationCluster
{
    protected override string OperatorFamilies => "sessions,components";

    protected override IReadOnlyDictionary<string, string> ApiOverrides { get; } = new Dictionary<string, string>
    {
        ["Dashboard:FeedInterval"] = "00:00:00.300",
        // Keep-alives flow through every test: a page must take them in its stride.
        ["Dashboard:KeepAliveInterval"] = "00:00:00.200",
    };
}

/// <summary>The dashboard tests share one cluster and one browser, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardCluster>, ICollectionFixture<Chromium>
{
    public const string Name = "dashboard";
}
