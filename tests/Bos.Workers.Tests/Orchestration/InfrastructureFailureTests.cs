using System.Net;
using Bos.Core.Clients;
using Bos.Workers.Orchestration;
using FluentAssertions;
using StackExchange.Redis;
using Xunit;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>Which exceptions met while acting are Bos's own failures (the batch goes back) and which are the called service's (an attempt).</summary>
public sealed class InfrastructureFailureTests
{
    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "a broken Redis connection", new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "no connection", null, CommandStatus.Unknown), true },
        { "a Redis timeout", new RedisTimeoutException(CommandFlags.None, "timeout", CommandStatus.Sent), true },
        { "a Redis server error", new RedisServerException(RedisErrorKind.Unknown, CommandFlags.None, "OOM command not allowed"), true },
        { "the process out of memory", new OutOfMemoryException(), true },
        { "Bos's failure inside a step's exception", new InvalidOperationException("step", new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "x", null, CommandStatus.Unknown)), true },
        { "a service's 5xx", new ApiResponseException("pcs", HttpStatusCode.InternalServerError, "POST", null, "Internal Server Error", "boom"), false },
        { "a service that cannot be reached", new HttpRequestException("connection refused"), false },
        { "a service that does not answer in time", new TimeoutException("pcs: timed out"), false },
        { "a bug", new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_exception_is_Bos_s_own_failure_only_when_Redis_or_memory_failed(string what, Exception e, bool own) =>
        InfrastructureFailure.Is(e).Should().Be(own, what);
}
