using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Sessions;
using Bos.Core.Tenancy;
using Bos.Testing;
using Bos.Workers.SessionCompletion;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Workers.Tests.SessionCompletion;

/// <summary>
/// The completion check's reads over the real Redis: exact whichever component it starts from, and during a session it
/// starts from the component that kept the session running at the last check.
/// </summary>
[NeedsServices]
public sealed class SessionCompletionOperatorTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(SessionCompletionOperatorTests));
    private RecordingRedisStore _calls = null!;
    private int _readBefore;
    private ComponentRepository _components = null!;
    private SessionRepository _sessions = null!;
    private SessionCompletionOperator _completion = null!;

    public async Task InitializeAsync()
    {
        var (store, calls) = RecordingRedisStore.Over(_redis.Store);
        _calls = calls;
        var outbox = new Core.Outbox.Outbox();
        _components = new ComponentRepository(store, outbox, TimeProvider.System);
        _sessions = new SessionRepository(store, outbox, TimeProvider.System);
        var tenants = new ConfiguredTenantDirectory(new ConfigurationBuilder().Build());
        _completion = new SessionCompletionOperator(_sessions, _components,
            new SessionFinisher(_sessions, new SessionStatusReader(_components, tenants, TimeProvider.System), TimeProvider.System),
            tenants, NullLogger<SessionCompletionOperator>.Instance);
        await _components.BuildSessionIndexAsync();
        (await _sessions.CreateAsync(new Session
        {
            Name = "s", Operation = SessionOperations.Reboot, TemplateName = "t", Limit = "", Components = "",
            Status = new SessionStatus { StartTime = Core.Time.Timestamps.Format(DateTimeOffset.UtcNow), Status = SessionStatusLabels.Running },
        })).Should().BeTrue();
        await _components.PutManyAsync(Enumerable.Range(0, 300).Select(i => new Component { Id = Node(i), Enabled = true, Session = "s" }).ToList());
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    private static string Node(int i) => $"x{i:D4}";

    private Task FinishAsync(IEnumerable<int> nodes) =>
        _components.UpdateManyAsync(nodes.Select(Node).ToList(), (_, c) => c! with { Enabled = false });

    [Fact]
    public async Task A_check_after_the_components_in_front_finished_starts_from_the_one_that_kept_the_session_running()
    {
        await FinishAsync(Enumerable.Range(0, 100));
        (await _completion.RunAsync()).Should().BeEmpty();
        var first = Read();
        first.Should().BeGreaterThan(100, "the first check reads past the 100 finished components to x0100");

        await FinishAsync(Enumerable.Range(100, 150));
        (await _completion.RunAsync()).Should().BeEmpty();
        var second = Read();

        second.Should().BeLessThan(250, "it starts from x0100 and reads past the 150 finished after it, not the 100 before it");
        (await _sessions.GetAsync("s", null))!.Status!.Status.Should().Be(SessionStatusLabels.Running);
    }

    [Fact]
    public async Task A_session_kept_running_only_by_a_component_before_the_last_keeper_is_not_complete()
    {
        await FinishAsync(Enumerable.Range(0, 100));
        (await _completion.RunAsync()).Should().BeEmpty(); // the keeper is now x0100

        await FinishAsync(Enumerable.Range(100, 200));
        await _components.UpdateManyAsync([Node(5)], (_, c) => c! with { Enabled = true });

        (await _completion.RunAsync()).Should().BeEmpty("x0005, before the last keeper, keeps the session running");
        await FinishAsync([5]);
        (await _completion.RunAsync()).Should().Equal("s");
    }

    /// <summary>Component records read since the last call.</summary>
    private int Read()
    {
        var total = _calls.All.Where(c => c.Method == "GetManyJsonAsync").Sum(c => c.Strings.Count(s => s.StartsWith("component:", StringComparison.Ordinal)));
        var read = total - _readBefore;
        _readBefore = total;
        return read;
    }
}
