using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Outbox;
using Bos.Core.Redis;
using Bos.Testing;
using Bos.Workers.Orchestration;
using FluentAssertions;
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
/// The component engine alone, over the real Redis (a key prefix of its own) with the production registrations; the
/// bus is MassTransit's in-memory test harness with no consumers, so nothing drains the pending actions: a test plays
/// the drainers' part by stepping the engine with observations and answers, and checks what the engine asks for and
/// what it writes to the component records. Shared by a test class whose tests use ids of their own.
/// </summary>
public sealed class EngineHarness : IAsyncLifetime
{
    private ServiceProvider _provider = null!;

    public static readonly BosOptions Options = BosOptions.Defaults with
    {
        MaxPowerOnWaitTime = 1,
        MaxBootWaitTime = 2,
        MaxPowerOffWaitTime = 1,
    };

    public IsolatedRedis Redis { get; } = new(nameof(EngineHarness));
    public ITestHarness Harness { get; private set; } = null!;
    public ComponentRepository Components => _provider.GetRequiredService<ComponentRepository>();
    public ComponentEngine Engine => _provider.GetRequiredService<ComponentEngine>();
    public DeadlineWatch Deadlines => _provider.GetRequiredService<DeadlineWatch>();
    public IServiceProvider Services => _provider;

    /// <summary>What was logged (the engine's lines from Information up, the rest from Warning).</summary>
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        // Long sweeps and watchdogs, so only what a test does moves a component.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orchestration:PowerSweepInterval"] = "00:05:00",
            ["Orchestration:ConfigurationSweepInterval"] = "00:05:00",
            ["Orchestration:RequestWatchdog"] = "00:05:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l
            .SetMinimumLevel(LogLevel.Warning)
            .AddProvider(Logs)
            // The engine's lines as a worker at the default level (Information) writes them.
            .AddFilter<CapturedLogs>(typeof(ComponentEngine).FullName, LogLevel.Information));
        services.AddSingleton<IRedisStore>(Redis.Store);
        services.AddSingleton<IBosOptionsSource>(new StaticBosOptionsSource(Options));
        services.AddSingleton<Bos.Core.Health.IProcessReadiness, Bos.Core.Health.AlwaysReady>();
        services.AddBosOutbox(configuration);
        services.AddBosOrchestration(configuration);
        services.RemoveAll<IHostedService>();
        services.AddMassTransitTestHarness(x => x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context)));
        _provider = services.BuildServiceProvider(true);
        Harness = _provider.GetRequiredService<ITestHarness>();
        await Harness.Start();
    }

    /// <summary>Stores the record as given (no auto-fields, so tests control timestamps) and steps the engine with its change.</summary>
    public async Task<Component> ChangeAsync(Component record)
    {
        await Components.PutManyAsync([record]);
        await Engine.HandleAsync([EngineInput.Changed(record)]);
        return record;
    }

    public Task ObserveAsync(string id, string? power, string cfsStatus = "configured", string? cfsDesiredConfig = null, bool cfsFound = true) =>
        Engine.HandleAsync([EngineInput.Observed(id, new HardwareObservation(power, cfsFound ? new CfsObservation(cfsDesiredConfig ?? "", cfsStatus) : null))]);

    /// <summary>A component set up for a boot, observed off: the engine asks for a power-on.</summary>
    public async Task UntilPowerOnRequestedAsync(string id)
    {
        await ChangeAsync(SessionSetup(id));
        await ObserveAsync(id, "off");
        (await PendingAsync(ActionKind.PowerOn)).Should().ContainKey(id);
    }

    /// <summary>Plays the power-on operator: the last action written at <paramref name="at"/>, the request answered as acted.</summary>
    public async Task AnswerPowerOnAsync(string id, DateTimeOffset at)
    {
        await Components.UpdateAsync(id, c => c with
        {
            LastAction = new LastAction { Action = Actions.PoweringOn, Failed = false, LastUpdated = Core.Time.Timestamps.Format(at) },
        });
        await Engine.HandleAsync([EngineInput.Answered(id, PowerActionOutcome.Acted)]);
    }

    /// <summary>
    /// What a power operator needs, over this harness's Redis and engine, with the given HSM and PCS; its records read and
    /// written through <paramref name="records"/> when given (the same Redis, e.g. counted).
    /// </summary>
    public PowerOperatorServices PowerOperatorServices(Bos.Core.Clients.IHsmClient hsm, Bos.Core.Clients.IPcsClient pcs, IRedisStore? records = null)
    {
        var repository = records is null ? Components : new ComponentRepository(records, _provider.GetRequiredService<Outbox>(), TimeProvider.System);
        var writer = records is null ? _provider.GetRequiredService<ComponentWriter>()
            : new ComponentWriter(repository, _provider.GetRequiredService<BssTokenStore>(), TimeProvider.System);
        return new(repository, writer, hsm, pcs, new StaticBosOptionsSource(Options),
            _provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<OrchestrationSettings>>(), Engine, TimeProvider.System);
    }

    /// <summary>The BSS referral token <see cref="PowerOnOperator"/>'s BSS answers with.</summary>
    public const string ReferralToken = "referral-1";

    /// <summary>The power-on operator with the given HSM, PCS and CFS (default: accepting); BSS answers <see cref="ReferralToken"/>.</summary>
    public PowerOnOperator PowerOnOperator(Bos.Core.Clients.IHsmClient hsm, Bos.Core.Clients.IPcsClient pcs, Bos.Core.Clients.ICfsClient? cfs = null,
        IRedisStore? records = null) =>
        new(PowerOperatorServices(hsm, pcs, records), new UnusedIms(), new OneReferralBss(ReferralToken), cfs ?? new AcceptingCfs(),
            _provider.GetRequiredService<BssTokenStore>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<PowerOnOperator>.Instance);

    /// <summary>The handler behind a drainer, handed the components as pending; dispose to stop it.</summary>
    public async Task<ServiceProvider> DrainAsync(IActionHandler handler, ActionKind kind, params string[] ids)
    {
        var provider = DrainerHarness.Build(Redis.Store, new Bos.Core.Health.AlwaysReady(), handler);
        await provider.GetRequiredService<ITestHarness>().Start();
        await provider.GetRequiredService<PendingActions>().AddAsync(kind, ids.ToDictionary(id => id, _ => "off"));
        await provider.GetRequiredService<ITestHarness>().Bus.Publish(new ActionPending(kind));
        return provider;
    }

    /// <summary>Whether the drainers are done with <paramref name="id"/>'s <paramref name="kind"/>: neither pending nor in flight.</summary>
    public async Task<bool> DrainedAsync(ActionKind kind, string id) =>
        !(await Redis.Store.HashGetAllAsync(PendingActions.InflightKey(kind))).ContainsKey(id) && !(await PendingAsync(kind)).ContainsKey(id);

    /// <summary>What the engine keeps for the component, or null.</summary>
    public async Task<EngineState?> StateAsync(string id) => EngineState.Parse((await _provider.GetRequiredService<EngineStore>().ReadAsync([id]))[0]);

    /// <summary>The components waiting for <paramref name="kind"/> (id → reason or hint).</summary>
    public Task<IReadOnlyDictionary<string, string>> PendingAsync(ActionKind kind) => Redis.Store.HashGetAllAsync(PendingActions.PendingKey(kind));

    /// <summary>Plays a drainer taking the component's pending request.</summary>
    public Task TakeAsync(ActionKind kind, string id) => Redis.Store.HashDeleteAsync(PendingActions.PendingKey(kind), id);

    /// <summary>How many <see cref="ActionPending"/> kicks of the kind were published so far.</summary>
    public int Kicks(ActionKind kind) =>
        Harness.Published.Select<ActionPending>(new CancellationToken(true)).Count(m => m.Context.Message.Kind == kind);

    public async Task DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>A component set up for a boot and found off by its assessment: power-on pending.</summary>
    public static Component PowerOnPending(string id) => SessionSetup(id) with
    {
        Status = new ComponentStatus { Phase = Phases.PoweringOn, StatusOverride = "" },
    };

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
