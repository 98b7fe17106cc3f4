using System.Reflection;
using Bos.Core.Redis;

namespace Bos.Workers.Tests.Orchestration;

/// <summary>
/// An <see cref="IRedisStore"/> that counts the calls naming one key (in any string or list-of-strings argument) and
/// passes every call on: how often code read or wrote one record.
/// </summary>
public class KeyCallCounter : DispatchProxy
{
    private IRedisStore _inner = null!;
    private string _key = "";
    private int _calls;

    /// <summary>The calls so far that named the key.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public static (IRedisStore Store, KeyCallCounter Counter) Over(IRedisStore inner, string key)
    {
        var store = Create<IRedisStore, KeyCallCounter>();
        var counter = (KeyCallCounter)(object)store;
        counter._inner = inner;
        counter._key = key;
        return (store, counter);
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (args?.Any(Names) == true) Interlocked.Increment(ref _calls);
        try
        {
            return method!.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private bool Names(object? arg) => arg switch
    {
        string s => s == _key,
        IEnumerable<string> keys => keys.Contains(_key),
        _ => false,
    };
}
