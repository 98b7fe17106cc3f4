using Bos.Api.Components;
using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Testing;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>
/// The group commit of single-component PATCHes over the real Redis: while one write is held, the patches that arrive
/// go together in the next write, and each is answered on its own (record, absent, refused); a second patch of a
/// component waits for the write after and applies on top of the first.
/// </summary>
[NeedsServices]
public sealed class ComponentPatchBatcherTests : IAsyncLifetime
{
    private readonly IsolatedRedis _redis = new(nameof(ComponentPatchBatcherTests));
    private ComponentRepository _repository = null!;
    private ComponentPatchBatcher _batcher = null!;
    private RecordingRedisStore _calls = null!;

    public Task InitializeAsync()
    {
        _repository = new ComponentRepository(_redis.Store, new Core.Outbox.Outbox(), TimeProvider.System);
        var (store, calls) = RecordingRedisStore.Over(_redis.Store);
        _calls = calls;
        var batched = new ComponentRepository(store, new Core.Outbox.Outbox(), TimeProvider.System);
        _batcher = new ComponentPatchBatcher(new ComponentWriter(batched, new BssTokenStore(store), TimeProvider.System),
            NullLogger<ComponentPatchBatcher>.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task Patches_arriving_while_a_write_is_out_are_written_next_each_with_its_own_answer()
    {
        await _repository.PutManyAsync(new[] { "held", "b1", "b2", "b4", "b5" }.Select(id => new Component { Id = id, Enabled = false, Error = "" }).ToList());
        using var release = new SemaphoreSlim(0);
        var held = _batcher.PatchAsync(new Component { Id = "held", Error = "first" }, (_, _) => release.Wait(TimeSpan.FromSeconds(10)));

        var b1 = _batcher.PatchAsync(new Component { Id = "b1", Error = "one" }, null);
        var b2 = _batcher.PatchAsync(new Component { Id = "b2", Error = "two" }, (_, _) => throw new ProblemException(409, "Actual state can not be updated.", "refused"));
        var b3 = _batcher.PatchAsync(new Component { Id = "b3", Error = "absent" }, null);
        var heldAgain = _batcher.PatchAsync(new Component { Id = "held", RetryPolicy = 7 }, null);
        var b4 = _batcher.PatchAsync(new Component { Id = "b4", Error = "four" }, null);
        // Refused, then deleted before the answer: absent (a 404), not refused.
        var b5 = _batcher.PatchAsync(new Component { Id = "b5", Error = "five" }, (_, _) =>
        {
            _repository.DeleteAsync("b5").GetAwaiter().GetResult();
            throw new ProblemException(409, "Actual state can not be updated.", "refused");
        });
        release.Release();

        (await held)!.Error.Should().Be("first");
        (await b1)!.Error.Should().Be("one");
        await FluentActions.Awaiting(() => b2).Should().ThrowAsync<ProblemException>();
        (await b3).Should().BeNull("the component does not exist");
        (await b4)!.Error.Should().Be("four");
        var again = (await heldAgain)!;
        again.RetryPolicy.Should().Be(7);
        again.Error.Should().Be("first", "the second patch of a component applies on top of the first");
        (await b5).Should().BeNull("deleted meanwhile");
        _calls.All.Where(c => c.Method == nameof(Core.Redis.IRedisStore.EvaluateWithBytesAsync) && c.Strings.Contains(ComponentRepository.Key("b1")))
            .Should().ContainSingle("b1 is written once").Which.Strings.Should().Contain(ComponentRepository.Key("b4"), "together with b4");
        (await _repository.GetAsync("b2"))!.Error.Should().BeEmpty("a refused patch writes nothing");
    }
}
