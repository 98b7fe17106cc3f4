using System.Reflection;
using Bos.Core.Redis;

namespace Bos.Testing;

/// <summary>
/// An <see cref="IRedisStore"/> that records each call — its method and the strings it was given (keys, and values that
/// are strings) — and passes it on: how often, and with what, code read or wrote.
/// </summary>
public class RecordingRedisStore : DispatchProxy
{
    private IRedisStore _inner = null!;
    private readonly List<(string Method, IReadOnlyList<string> Strings)> _calls = [];

    /// <summary>A store over <paramref name="inner"/> and the record of its calls.</summary>
    public static (IRedisStore Store, RecordingRedisStore Calls) Over(IRedisStore inner)
    {
        var store = Create<IRedisStore, RecordingRedisStore>();
        var recorder = (RecordingRedisStore)(object)store;
        recorder._inner = inner;
        return (store, recorder);
    }

    /// <summary>The calls so far.</summary>
    public IReadOnlyList<(string Method, IReadOnlyList<string> Strings)> All
    {
        get
        {
            lock (_calls) return _calls.ToList();
        }
    }

    /// <summary>How many calls so far were given <paramref name="key"/>.</summary>
    public int Naming(string key) => All.Count(c => c.Strings.Contains(key));

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        var strings = (args ?? []).SelectMany(a => a switch
        {
            string s => [s],
            IEnumerable<string> many => many,
            _ => Enumerable.Empty<string>(),
        }).ToList();
        lock (_calls) _calls.Add((method!.Name, strings));
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
