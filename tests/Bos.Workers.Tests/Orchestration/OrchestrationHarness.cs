using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Testing;
using Bos.Workers.Orchestration;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// The component state machine alone in MassTransit's test harness (in-memory bus, saga repository and delayed
/// scheduler), over the real Redis for the component records; shared by a test class whose tests use ids of their own. The batch consumers are absent: a test plays their
/// part by publishing observations and answers, and checks what the saga asks for.
/// </summary>
public sealed class OrchestrationHarness : IAsyncLifetime
{
    private ServiceProvider _provider = null!;

    public static readonly BosOptions Options = BosOptions.Defaults with
    {
        MaxPowerOnWaitTime = 1,
        MaxBootWaitTime = 2,
        MaxPowerOffWaitTime = 1,
    };

    public IsolatedRedis Redis { get; } = new(nameof(OrchestrationHarness));
    public ITestHarness Harness { get; private set; } = null!;
    public ISagaStateMachineTestHarness<ComponentStateMachine, ComponentState> Saga { get; private set; } = null!;
    public ComponentRepository Components => _provider.GetRequiredService<ComponentRepository>();
    public IServiceProvider Services => _provider;

    public async Task InitializeAsync()
    {
        // The production registrations; only what must differ is replaced: Redis (the test's key prefix), the options
        // (fixed short waits), the sweeps (long, so only the test's messages move a saga) and the bus (below).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orchestration:PowerSweepInterval"] = "00:05:00",
            ["Orchestration:ConfigurationSweepInterval"] = "00:05:00",
            ["Orchestration:RequestWatchdog"] = "00:05:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IRedisStore>(Redis.Store);
        services.AddSingleton<IBosOptionsSource>(new StaticBosOptionsSource(Options));
        services.AddBosOutbox(configuration);
        services.AddBosOrchestration(configuration);
        // No background services: the outbox relay, the CFS watch and the reconciler are what a test plays itself
        // (ConfigurationWatchTests runs one round of the watch against a fixed CFS).
        services.RemoveAll<IHostedService>();
        services.AddMassTransitTestHarness(x =>
        {
            x.AddDelayedMessageScheduler();
            x.AddSagaStateMachine<ComponentStateMachine, ComponentState, ComponentStateMachineDefinition>().InMemoryRepository();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.UseDelayedMessageScheduler();
                cfg.ConfigureEndpoints(context);
            });
        });
        _provider = services.BuildServiceProvider(true);
        Harness = _provider.GetRequiredService<ITestHarness>();
        Harness.TestTimeout = TimeSpan.FromSeconds(20);
        Saga = Harness.GetSagaStateMachineHarness<ComponentStateMachine, ComponentState>();
        await Harness.Start();
    }

    /// <summary>Stores the record as given (no auto-fields, so tests control timestamps) and publishes its change.</summary>
    public async Task<Component> ChangeAsync(Component record)
    {
        await Components.PutManyAsync([record]);
        await Harness.Bus.Publish(new ComponentInputChanged
        {
            ComponentId = record.Id!, ChangedFields = ["enabled"], Component = record, ChangedAt = DateTimeOffset.UtcNow,
        });
        return record;
    }

    public Task ObserveAsync(string id, string? power, string cfsStatus = "configured", string? cfsDesiredConfig = null, bool cfsFound = true) =>
        Harness.Bus.Publish(new ComponentObserved
        {
            ComponentId = id, PowerState = power, CfsFound = cfsFound, CfsConfigurationStatus = cfsStatus,
            CfsDesiredConfig = cfsDesiredConfig ?? "", ObservedAt = DateTimeOffset.UtcNow,
        });

    /// <summary>A component set up for a boot, observed off: its saga asks for a power-on.</summary>
    public async Task UntilPowerOnRequestedAsync(string id)
    {
        await ChangeAsync(SessionSetup(id));
        await WaitForPublished<ObserveComponent>(id, m => m.ComponentId, 1);
        await ObserveAsync(id, "off");
        await WaitForPublished<PowerOnRequested>(id, m => m.ComponentId, 1);
    }

    /// <summary>Plays the power-on consumer: the last action written at <paramref name="at"/>, the request answered as acted.</summary>
    public async Task AnswerPowerOnAsync(string id, DateTimeOffset at)
    {
        await Components.UpdateAsync(id, c => c with
        {
            LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = Core.Time.Timestamps.Format(at) },
        });
        await Harness.Bus.Publish(new PowerActionCompleted(id, Actions.PoweringOn, PowerActionOutcome.Acted));
    }

    /// <summary>How many messages of type T about the component the saga published so far.</summary>
    public int Published<T>(string id, Func<T, string> componentId) where T : class => PublishedMessages<T>(id, componentId).Count;

    /// <summary>
    /// The messages published so far. The harness's Select keeps waiting for more until its inactivity timeout; with an
    /// already cancelled token it returns what is there.
    /// </summary>
    public List<T> PublishedMessages<T>(string id, Func<T, string> componentId) where T : class =>
        Harness.Published.Select<T>(new CancellationToken(true)).Select(m => m.Context.Message).Where(m => componentId(m) == id).ToList();

    public Task<int> WaitForPublished<T>(string id, Func<T, string> componentId, int atLeast, TimeSpan? timeout = null) where T : class =>
        Eventually.Until(() => Task.FromResult(Published(id, componentId)), n => n >= atLeast,
            $"{atLeast} {typeof(T).Name} published for {id}", timeout);

    /// <summary>
    /// Waits until the saga has handled at least <paramref name="atLeast"/> messages of type T that match. The saga
    /// harness records a message once the state machine is done with it, so the instance's state is settled by then
    /// (what it published may still be in the in-memory outbox). Use this, not Harness.InactivityTask, to know that a
    /// message was handled: the harness is shared by a test class and its inactivity task completes only once, at the
    /// first lull of the class, after which awaiting it returns at once, before anything just published is consumed.
    /// </summary>
    public Task<int> WaitForConsumed<T>(Func<T, bool> match, int atLeast, TimeSpan? timeout = null) where T : class =>
        Eventually.Until(() => Task.FromResult(Saga.Consumed.Select<T>(new CancellationToken(true)).Count(m => match(m.Context.Message))),
            n => n >= atLeast, $"{atLeast} {typeof(T).Name} consumed by the saga", timeout);

    /// <summary>
    /// Publishes a timeout as a scheduler delivers it: with the token id of its schedule in the scheduling header (the
    /// Redis scheduler and the delayed scheduler always set it). A message of a schedule type without that header is
    /// taken by MassTransit as the current timeout, so a stale copy must carry a token to be one.
    /// </summary>
    public Task PublishScheduledAsync<T>(T message, Guid tokenId) where T : class =>
        Harness.Bus.Publish(message, c => c.Headers.Set(MessageHeaders.SchedulingTokenId, tokenId.ToString("N")));

    public Task<Guid?> InState(string id, Func<ComponentStateMachine, State> state) =>
        Saga.Exists(ComponentSagaId.For(id), state, TimeSpan.FromSeconds(20));

    public async Task DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>An enabled component as session setup leaves it (on hold until assessed).</summary>
    public static Component SessionSetup(string id, bool boot = true, string configuration = "", int? retryPolicy = null) => new()
    {
        Id = id,
        Enabled = true,
        Session = "s1",
        Error = "",
        RetryPolicy = retryPolicy,
        DesiredState = new DesiredState
        {
            BootArtifacts = boot
                ? new BootArtifacts { Kernel = "s3://boot-images/i1/kernel", KernelParameters = "console=ttyS0", Initrd = "s3://boot-images/i1/initrd" }
                : BootArtifacts.Empty,
            Configuration = configuration,
            BssToken = "",
        },
        ActualState = ActualState.Empty,
        LastAction = new LastAction { Action = Actions.SessionSetup, Failed = false, LastUpdated = Core.Time.Timestamps.Format(DateTimeOffset.UtcNow) },
        EventStats = EventStats.Zero,
        Status = new ComponentStatus { Phase = "", StatusOverride = Statuses.OnHold },
    };
}
