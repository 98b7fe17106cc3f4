using Bos.Core.Redis;
using MassTransit;

namespace Bos.Core.Health;

public sealed record HealthReport(bool RedisOk, string BrokerStatus)
{
    public bool BrokerOk => BrokerStatus == "ok";
}

/// <summary>One health check for every host: Redis answers PING, and the bus is connected.</summary>
public sealed class HealthProbe(IRedisStore redis, IBusControl bus)
{
    public async Task<HealthReport> CheckAsync()
    {
        bool redisOk;
        try
        {
            await redis.PingAsync().WaitAsync(TimeSpan.FromSeconds(2));
            redisOk = true;
        }
        catch (Exception)
        {
            redisOk = false;
        }
        var busHealth = bus.CheckHealth();
        var broker = busHealth.Status switch
        {
            BusHealthStatus.Healthy => "ok",
            BusHealthStatus.Degraded => "degraded",
            _ => "not_available",
        };
        return new HealthReport(redisOk, broker);
    }
}
