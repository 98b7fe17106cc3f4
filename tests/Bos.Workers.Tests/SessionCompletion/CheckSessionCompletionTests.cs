using Bos.Workers.SessionCompletion;
using FluentAssertions;
using MassTransit;
using Xunit;

namespace Bos.Workers.Tests.SessionCompletion;

/// <summary>The completion check keeps its wire identity across the move of its type (scheduled checks live in Redis).</summary>
public sealed class CheckSessionCompletionTests
{
    [Fact]
    public void The_message_urn_is_the_one_of_earlier_builds() =>
        MessageUrn.ForTypeString<CheckSessionCompletion>().Should().Be("urn:message:Bos.Workers.Operators:CheckSessionCompletion");
}
