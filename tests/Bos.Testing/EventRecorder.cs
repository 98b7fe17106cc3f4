using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace Bos.Testing;

/// <summary>
/// Records the events a host publishes through the real RabbitMQ: a receive endpoint of its own, connected to the
/// host's bus (so it lives in the test's virtual host and stops with the host), bound to the given event types.
/// </summary>
public sealed class EventRecorder
{
    private static readonly MethodInfo SubscribeMethod = typeof(EventRecorder).GetMethod(nameof(Subscribe), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private readonly ConcurrentQueue<object> _received = new();

    private EventRecorder()
    {
    }

    /// <summary>Connects the recorder to a started host's bus and waits until its queue is bound.</summary>
    public static async Task<EventRecorder> StartAsync(IServiceProvider hostServices, params Type[] eventTypes)
    {
        var recorder = new EventRecorder();
        var connector = (IReceiveEndpointConnector)hostServices.GetService(typeof(IReceiveEndpointConnector))!;
        var handle = connector.ConnectReceiveEndpoint($"test-recorder-{Guid.NewGuid():N}", (_, endpoint) =>
        {
            foreach (var type in eventTypes) SubscribeMethod.MakeGenericMethod(type).Invoke(recorder, [endpoint]);
        });
        await handle.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return recorder;
    }

    /// <summary>Every event of type <typeparamref name="T"/> received so far.</summary>
    public IReadOnlyList<T> Received<T>() => _received.OfType<T>().ToList();

    /// <summary>Waits for an event of type <typeparamref name="T"/> matching <paramref name="predicate"/>; fails the test after the timeout.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null) =>
        (await Eventually.Until(() => Task.FromResult(_received.OfType<T>().Where(predicate).Take(1).ToList()), found => found.Count > 0,
            $"a {typeof(T).Name} event matching the condition (received: {string.Join(", ", _received.Select(e => e.GetType().Name))})",
            timeout ?? TimeSpan.FromSeconds(20)))[0];

    private void Subscribe<T>(IReceiveEndpointConfigurator endpoint) where T : class =>
        endpoint.Handler<T>(context =>
        {
            _received.Enqueue(context.Message);
            return Task.CompletedTask;
        });
}
