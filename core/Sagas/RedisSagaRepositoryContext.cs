using MassTransit;
using MassTransit.Context;
using MassTransit.Middleware;
using MassTransit.Saga;

namespace Bos.Core.Sagas;

/// <summary>
/// One message's view of the Redis saga repository: MassTransit loads the instance (or adds a new one), runs the
/// state machine, then calls Save (new), Update or Delete (existing), which write through <see cref="RedisSagaStore{TSaga}"/>.
/// </summary>
public sealed class RedisSagaRepositoryContext<TSaga, TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
{
    private readonly RedisSagaStore<TSaga> _store;
    private readonly ConsumeContext<TMessage> _context;
    private readonly ISagaConsumeContextFactory<RedisSagaStore<TSaga>, TSaga> _factory;

    public RedisSagaRepositoryContext(RedisSagaStore<TSaga> store, ConsumeContext<TMessage> context,
        ISagaConsumeContextFactory<RedisSagaStore<TSaga>, TSaga> factory)
        : base(context)
    {
        _store = store;
        _context = context;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_store, _context, instance, SagaConsumeContextMode.Add);

    /// <summary>InsertOnInitial: null when the instance already exists (MassTransit then loads it).</summary>
    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        if (!await _store.TryInsertAsync(instance)) return null!;
        return await _factory.CreateSagaConsumeContext(_store, _context, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await _store.LoadAsync(correlationId);
        return instance is null ? null! : await _factory.CreateSagaConsumeContext(_store, _context, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context) => _store.InsertAsync(context.Saga);

    public Task Update(SagaConsumeContext<TSaga> context) => _store.UpdateAsync(context.Saga);

    public Task Delete(SagaConsumeContext<TSaga> context) => _store.DeleteAsync(context.Saga);

    // Nothing was written for a discarded or undone instance: writes happen only in Save/Update/Delete.
    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_store, consumeContext, instance, mode);
}

/// <summary>Loads instances outside a message (ILoadSagaRepository, e.g. tests and diagnostics).</summary>
public sealed class RedisLoadSagaRepositoryContext<TSaga>(RedisSagaStore<TSaga> store, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>
    where TSaga : class, ISagaVersion
{
    public async Task<TSaga> Load(Guid correlationId) => (await store.LoadAsync(correlationId))!;
}
