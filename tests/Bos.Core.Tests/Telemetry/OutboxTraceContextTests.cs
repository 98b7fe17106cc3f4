using System.Diagnostics;
using Bos.Contracts.Events;
using Bos.Core.Outbox;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Telemetry;

/// <summary>The trace context an outbox entry carries so that the relay's publish continues the writer's trace.</summary>
public sealed class OutboxTraceContextTests
{
    private static string Raw() => Core.Outbox.Outbox.Serialize(new ComponentDeleted { ComponentId = "x1", DeletedAt = DateTimeOffset.UtcNow });

    private static OutboxEntry Entry() => OutboxEntry.Parse(Raw());

    [Fact]
    public void An_entry_written_inside_a_recorded_span_carries_its_traceparent_and_time()
    {
        using var source = new ActivitySource(nameof(OutboxTraceContextTests) + "Recorded");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var span = source.StartActivity("write")!;

        var entry = Entry();

        entry.TraceParent.Should().Be(span.Id).And.StartWith("00-" + span.TraceId);
        entry.WrittenAt!.Value.Should().BeCloseTo(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 5000);
    }

    [Fact]
    public void An_entry_written_while_nothing_is_recorded_carries_no_trace_context()
    {
        using var unrecorded = new Activity("not sampled").Start();

        Entry().TraceParent.Should().BeNull();
        Raw().Should().NotContain("traceParent");
    }
}
