using MassTransit;
using MassTransit.Configuration;

namespace Bos.Core.Scheduling;

/// <summary>Adds the <see cref="RedisMessageSchedulerFilter"/> to a consume pipe.</summary>
public sealed class RedisMessageSchedulerSpecification(ScheduledMessageStore store, SchedulerWakeup wakeup)
    : IPipeSpecification<ConsumeContext>
{
    public void Apply(IPipeBuilder<ConsumeContext> builder) => builder.AddFilter(new RedisMessageSchedulerFilter(store, wakeup));

    public IEnumerable<ValidationResult> Validate() => [];
}
