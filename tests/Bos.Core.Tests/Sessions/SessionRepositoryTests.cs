using Bos.Contracts.Resources;
using Bos.Core.Sessions;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions;

/// <summary>The session store over the real Redis.</summary>
[NeedsServices]
public sealed class SessionRepositoryTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(SessionRepositoryTests));
    private SessionRepository Sessions => new(_redis.Store, new Core.Outbox.Outbox(), TimeProvider.System);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Listing_without_node_lists_gives_every_sessions_name_tenant_and_status_but_not_its_limit_or_components()
    {
        var nodes = string.Join(',', Enumerable.Range(1, 5000).Select(n => $"x3000c0s{n}b0n0"));
        await Sessions.CreateAsync(new Session
        {
            Name = "big", Operation = "reboot", TemplateName = "t", Limit = nodes, Components = nodes, Stage = false,
            Status = new SessionStatus { Status = SessionStatusLabels.Running, StartTime = "2026-12-03T07:00:00" },
        });
        await Sessions.CreateAsync(new Session { Name = "small", Tenant = "blue", Operation = "boot", Status = new SessionStatus { Status = SessionStatusLabels.Pending } });

        var listed = await Sessions.ListWithoutNodeListsAsync();

        listed.Select(s => (s.Name, s.Tenant, s.Status?.Status)).Should().BeEquivalentTo(
            [("big", (string?)null, SessionStatusLabels.Running), ("small", "blue", SessionStatusLabels.Pending)]);
        var big = listed.Single(s => s.Name == "big");
        big.Should().Be((await Sessions.GetAsync("big", null))! with { Limit = null, Components = null });
        (await Sessions.GetAsync("big", null))!.Components.Should().Be(nodes, "the record itself keeps its lists");
    }
}
