using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bos.Core.Sagas;

public static class RedisSagaRepositoryRegistration
{
    /// <summary>
    /// Keeps the saga's instances in Redis through <see cref="Redis.IRedisStore"/> (needs AddBosRedis), with optimistic
    /// concurrency. Configure UseMessageRetry on the saga's endpoint: a lost race throws ConcurrencyException.
    /// </summary>
    public static ISagaRegistrationConfigurator<TSaga> RedisRepository<TSaga>(this ISagaRegistrationConfigurator<TSaga> configurator, string? name = null)
        where TSaga : class, ISagaVersion
    {
        configurator.Repository(services =>
        {
            services.TryAddSingleton(new RedisSagaRepositoryOptions<TSaga>(name ?? KebabName(typeof(TSaga).Name)));
            services.TryAddSingleton<RedisSagaStore<TSaga>>();
            services.RegisterSagaRepository<TSaga, RedisSagaStore<TSaga>, SagaConsumeContextFactory<RedisSagaStore<TSaga>, TSaga>,
                RedisSagaRepositoryContextFactory<TSaga>>();
            services.RegisterLoadSagaRepository<TSaga, RedisSagaRepositoryContextFactory<TSaga>>();
        });
        return configurator;
    }

    private static string KebabName(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
