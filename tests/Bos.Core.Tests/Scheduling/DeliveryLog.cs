using System.Collections.Concurrent;
using Bos.Testing;

namespace Bos.Core.Tests.Scheduling;

/// <summary>What a test consumer or saga saw, and when.</summary>
public sealed record Delivery(
    string Kind, Guid Id, DateTime ReceivedUtc, Guid? CorrelationId = null, Guid? ConversationId = null,
    Guid? SchedulingTokenId = null, string? TestHeader = null);

/// <summary>Everything the test host's consumers and saga received, with waits on conditions over it.</summary>
public sealed class DeliveryLog
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public void Add(Delivery delivery) => _deliveries.Enqueue(delivery);

    public IReadOnlyList<Delivery> Of(string kind, Guid id) => _deliveries.Where(d => d.Kind == kind && d.Id == id).ToList();

    public IReadOnlyList<Delivery> OfKind(string kind) => _deliveries.Where(d => d.Kind == kind).ToList();

    public async Task<Delivery> WaitForAsync(string kind, Guid id, TimeSpan? timeout = null)
    {
        await Eventually.True(() => Of(kind, id).Count > 0, $"{kind} {id} delivered", timeout);
        return Of(kind, id)[0];
    }
}
