using Bos.Core.Clients;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Telemetry;

public sealed class ServiceCallOutcomeTests
{
    [Theory]
    [InlineData(200, "2xx")]
    [InlineData(204, "2xx")]
    [InlineData(302, "3xx")]
    [InlineData(404, "4xx")]
    [InlineData(503, "5xx")]
    [InlineData(0, "error")]
    public void A_call_is_labelled_by_the_class_of_its_status(int status, string outcome) =>
        ServiceCallMetricsHandler.Outcome(status).Should().Be(outcome);
}
