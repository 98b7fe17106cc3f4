using Bos.Contracts.Resources;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Workers.Tests.SessionOperatorsFactory;

namespace Bos.Workers.Tests.SessionCompletion;

/// <summary>OP-60 end to end: component changes published through RabbitMQ make the worker complete sessions.</summary>
[NeedsServices]
public sealed class SessionCompletionTests(SessionCompletionFactory factory) : IClassFixture<SessionCompletionFactory>
{
    private Task DisableAsync(params int[] ordinals) =>
        factory.Writer.PatchAsync(ordinals.Select(o => new Component { Id = Node(o), Enabled = false }).ToList());

    private async Task<Session> RunningSessionAsync(string name, string[] nodes, bool stage = false, string? tenant = null,
        string operation = SessionOperations.Boot)
    {
        await factory.PutTemplateAsync(name, new Dictionary<string, BootSet> { ["compute"] = BootSet(nodes: nodes) }, tenant);
        await factory.CreateSessionAsync(name, name, operation, stage: stage, tenant: tenant);
        return await factory.WaitForSessionAsync(name, SessionStatusLabels.Running, tenant);
    }

    [Fact]
    public async Task A_session_completes_when_all_its_components_are_disabled()
    {
        await RunningSessionAsync("two-nodes", [Node(1), Node(2)]);

        await DisableAsync(1);
        await Eventually.Never(async () => (await factory.Sessions.GetAsync("two-nodes", null))!.Status!.Status != SessionStatusLabels.Running,
            "the session completed while x2 was still enabled", TimeSpan.FromSeconds(1.5));

        await DisableAsync(2);
        var session = await factory.WaitForSessionAsync("two-nodes", SessionStatusLabels.Complete);
        session.Status!.EndTime.Should().NotBeNull();
        session.Status.Error.Should().BeNull();
        session.Components.Should().Be($"{Node(1)},{Node(2)}", "the list remains after completion");

        // The status is saved right after the transition.
        var saved = await Eventually.Until(() => factory.Sessions.GetSavedStatusAsync("two-nodes", null), s => s is not null, "saved status");
        saved!.Status.Should().Be(SessionStatusLabels.Complete);
        saved.ManagedComponentsCount.Should().Be(2);
        saved.Timing!.EndTime.Should().Be(session.Status.EndTime);
    }

    [Fact]
    public async Task A_session_completes_when_a_newer_session_takes_its_components_over()
    {
        await RunningSessionAsync("older", [Node(3)]);
        await RunningSessionAsync("newer", [Node(3)]);
        await factory.WaitForSessionAsync("older", SessionStatusLabels.Complete);
        (await factory.Sessions.GetAsync("newer", null))!.Status!.Status.Should().Be(SessionStatusLabels.Running);
    }

    [Fact]
    public async Task A_staged_session_runs_while_a_component_is_staged_for_it()
    {
        await DisableAsync(4);
        await RunningSessionAsync("staged", [Node(4)], stage: true);
        // Q-07 kept: the staged state names the session, so it keeps running though nothing is enabled.
        await Eventually.Never(async () => (await factory.Sessions.GetAsync("staged", null))!.Status!.Status != SessionStatusLabels.Running,
            "the staged session completed", TimeSpan.FromSeconds(1.5));

        await factory.Writer.PatchAsync([new Component { Id = Node(4), StagedState = new StagedState { Session = "" } }]);
        await factory.WaitForSessionAsync("staged", SessionStatusLabels.Complete);
    }

    [Fact]
    public async Task A_session_completes_when_its_last_component_is_deleted()
    {
        await RunningSessionAsync("deleted", [Node(5)]);
        await factory.Components.DeleteAsync(Node(5));
        await factory.WaitForSessionAsync("deleted", SessionStatusLabels.Complete);
    }

    [Fact]
    public async Task A_tenant_session_counts_only_the_tenants_components()
    {
        await RunningSessionAsync("tenant", [Node(1)], tenant: Tenant);
        // Node 6 is not the tenant's: naming the session does not keep it running (MT-09).
        await factory.Writer.PatchAsync([new Component { Id = Node(6), Session = "tenant", Enabled = true }]);
        await DisableAsync(1);
        await factory.WaitForSessionAsync("tenant", SessionStatusLabels.Complete, Tenant);
    }
}

/// <summary>
/// Its own worker host and simulator for <see cref="SessionCompletionTests"/>, with sweeps too slow to matter:
/// completions must come from the component-change trigger.
/// </summary>
public sealed class SessionCompletionFactory : SessionOperatorsFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        base.Settings().Where(s => s.Key != "Operators:SweepInterval").Append(new("Operators:SweepInterval", "00:10:00"));
}
