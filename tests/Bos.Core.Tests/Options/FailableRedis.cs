using System.Reflection;
using Bos.Core.Redis;

namespace Bos.Core.Tests.Options;

/// <summary>An <see cref="IRedisStore"/> that forwards to a real one until told to fail, then every call times out.</summary>
public class FailableRedis : DispatchProxy
{
    private IRedisStore _target = null!;

    public bool Failing { get; set; }

    public static (IRedisStore Store, FailableRedis Control) Over(IRedisStore target)
    {
        var store = Create<IRedisStore, FailableRedis>();
        var control = (FailableRedis)(object)store;
        control._target = target;
        return (store, control);
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (Failing) throw new TimeoutException("Redis unreachable (test)");
        try { return method!.Invoke(_target, args); }
        catch (TargetInvocationException ex) when (ex.InnerException is not null) { throw ex.InnerException; }
    }
}
