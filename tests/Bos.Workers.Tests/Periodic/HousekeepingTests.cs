using Bos.Contracts.Resources;
using Bos.Core.Sessions;
using Bos.Core.Time;
using Bos.Testing;
using FluentAssertions;
using Xunit;
using static Bos.Workers.Tests.SessionOperatorsFactory;

namespace Bos.Workers.Tests.Periodic;

/// <summary>Session cleanup, actual-state cleanup and discovery as periodic tasks that read the options at every run.</summary>
[NeedsServices]
public sealed class HousekeepingTests(HousekeepingFactory factory) : IClassFixture<HousekeepingFactory>
{
    private async Task CompleteSessionAsync(string name, TimeSpan age, string? tenant = null)
    {
        var start = DateTimeOffset.UtcNow - age;
        var session = new Session
        {
            Name = name, Tenant = tenant, Operation = SessionOperations.Boot, TemplateName = "t", Limit = "", Stage = false, Components = "",
            IncludeDisabled = false,
            Status = new SessionStatus { StartTime = Timestamps.Format(start), EndTime = Timestamps.Format(start.AddMinutes(5)), Status = SessionStatusLabels.Complete },
        };
        await factory.Sessions.CreateAsync(session);
        await factory.Sessions.SaveStatusAsync(name, tenant, SessionExtendedStatusRule.Compute(session, [], DateTimeOffset.UtcNow));
    }

    private async Task<bool> Exists(string name, string? tenant = null) => await factory.Sessions.GetAsync(name, tenant) is not null;

    private async Task WithOptions(Func<Bos.Core.Options.BosOptions, Bos.Core.Options.BosOptions> change, Func<Task> test)
    {
        var before = factory.Options.Current;
        factory.Options.Current = change(before);
        try { await test(); }
        finally { factory.Options.Current = before; }
    }

    [Fact]
    public Task Complete_sessions_older_than_the_ttl_are_deleted_tenant_ones_too() => WithOptions(o => o with { CleanupCompletedSessionTtl = "1d" }, async () =>
    {
        await CompleteSessionAsync("old", TimeSpan.FromDays(3));
        await CompleteSessionAsync("old-tenant", TimeSpan.FromDays(3), Tenant);
        await CompleteSessionAsync("recent", TimeSpan.FromHours(2));

        await Eventually.True(async () => !await Exists("old") && !await Exists("old-tenant", Tenant), "old sessions deleted");
        (await factory.Sessions.GetSavedStatusAsync("old", null)).Should().BeNull("the saved status goes with its session");
        (await Exists("recent")).Should().BeTrue();
    });

    [Fact]
    public async Task A_ttl_of_zero_disables_cleanup_until_it_changes()
    {
        await WithOptions(o => o with { CleanupCompletedSessionTtl = "0h" }, async () =>
        {
            await CompleteSessionAsync("kept", TimeSpan.FromDays(30));
            await Eventually.Never(async () => !await Exists("kept"), "deleted although cleanup is off", TimeSpan.FromSeconds(2.5));
        });
        await WithOptions(o => o with { CleanupCompletedSessionTtl = "2w" }, () =>
            Eventually.True(async () => !await Exists("kept"), "deleted once the TTL is 2w"));
    }

    private static Component Reported(int ordinal, TimeSpan age, string? phase, string action) => new()
    {
        Id = Node(ordinal),
        ActualState = new ActualState
        {
            BootArtifacts = new BootArtifacts { Kernel = "k", KernelParameters = "p", Initrd = "i" }, BssToken = "tok",
            LastUpdated = Timestamps.Format(DateTimeOffset.UtcNow - age),
        },
        DesiredState = DesiredState.Empty,
        LastAction = new LastAction { Action = action, Failed = false, LastUpdated = Timestamps.Format(DateTimeOffset.UtcNow) },
        Status = new ComponentStatus { Phase = phase ?? "", StatusOverride = "" },
        Enabled = phase is not null,
        Error = "kept",
        Session = "",
    };

    [Fact]
    public Task Actual_states_older_than_the_ttl_are_cleared_without_flipping_an_active_status() =>
        WithOptions(o => o with { ComponentActualStateTtl = "4H" }, async () =>   // an upper-case unit works
        {
            // Stored as they are (the test plays an old record), not through the writer's auto-fields.
            await factory.Components.PutManyAsync(
            [
                Reported(1, TimeSpan.FromHours(5), null, Actions.SessionSetup),
                Reported(2, TimeSpan.FromHours(5), Phases.PoweringOn, Actions.PoweringOn),
                Reported(3, TimeSpan.FromHours(1), null, Actions.SessionSetup),
            ]);

            var idle = await Eventually.Until(() => factory.Components.GetAsync(Node(1)), c => c!.ActualState!.BootArtifacts!.Kernel == "", "x1 cleared");
            idle!.ActualState!.BssToken.Should().Be("");
            idle.LastAction!.Action.Should().Be(Actions.ActualStateCleanup);
            idle.Error.Should().Be("kept");

            var active = await Eventually.Until(() => factory.Components.GetAsync(Node(2)), c => c!.ActualState!.BootArtifacts!.Kernel == "", "x2 cleared");
            active!.LastAction!.Action.Should().Be(Actions.PoweringOn, "Q-17: power_on_called must not become power_on_pending");

            (await factory.Components.GetAsync(Node(3)))!.ActualState!.BootArtifacts!.Kernel.Should().Be("k");
        });

    [Fact]
    public async Task Discovery_creates_components_for_hsm_nodes_at_the_current_discovery_frequency()
    {
        await factory.Components.DeleteAsync(Node(9));
        // At 3600 s (set at start) the next run is an hour away.
        await Eventually.Never(async () => await factory.Components.GetAsync(Node(9)) is not null, "discovered early", TimeSpan.FromSeconds(2.5));

        await WithOptions(o => o with { DiscoveryFrequency = 1 }, async () =>
        {
            var created = await Eventually.Until(() => factory.Components.GetAsync(Node(9)), c => c is not null, "x9 discovered");
            created!.LastAction!.Action.Should().Be(Actions.NewlyDiscovered);
            created.Enabled.Should().BeFalse();
            created.Session.Should().Be("");
            created.DesiredState.Should().BeEquivalentTo(DesiredState.Empty, o => o.Excluding(d => d.LastUpdated));
            created.DesiredState!.LastUpdated.Should().NotBeNull("written through the auto-fields");
        });
    }
}

/// <summary>Its own worker host and simulator for <see cref="HousekeepingTests"/>.</summary>
public sealed class HousekeepingFactory : SessionOperatorsFactory;
