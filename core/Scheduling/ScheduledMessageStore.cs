using System.Globalization;
using Bos.Core.Redis;

namespace Bos.Core.Scheduling;

/// <summary>A claimed entry and the claim it carries (its lease end, in Unix ms), needed to complete or release it.</summary>
public sealed record ClaimedEnvelope(string Id, ScheduledEnvelope? Envelope, long ClaimedUntilUnixMs, string? Error);

/// <summary>
/// Durable store of scheduled messages: each entry is a hash <c>schedule:entry:{token}</c> and its due time is its
/// score in the sorted set <c>schedule:due</c>. Both are written and removed together (MULTI or Lua).
/// </summary>
public sealed class ScheduledMessageStore(IRedisStore redis)
{
    public const string DueKey = "schedule:due";
    public const string EntryKeyPrefix = "schedule:entry:";

    public static string EntryKey(string id) => EntryKeyPrefix + id;

    public static string IdOf(Guid tokenId) => tokenId.ToString("N");

    /// <summary>Stores (or replaces, same token) an entry and its due time in one MULTI.</summary>
    public async Task AddAsync(ScheduledEnvelope envelope)
    {
        var id = IdOf(envelope.TokenId);
        var transaction = redis.CreateTransaction();
        var writes = new List<Task> { transaction.DeleteAsync(EntryKey(id)) };
        writes.AddRange(envelope.ToFields().Select(f => transaction.HashSetAsync(EntryKey(id), f.Key, f.Value)));
        writes.Add(transaction.SortedSetAddAsync(DueKey, id, envelope.DueUnixMs));
        if (!await transaction.ExecuteAsync())
            throw new InvalidOperationException($"Storing scheduled message {id} was not applied");
        await Task.WhenAll(writes);
    }

    /// <summary>Removes an entry and its due time in one MULTI. True when it was still scheduled.</summary>
    public async Task<bool> CancelAsync(Guid tokenId)
    {
        var id = IdOf(tokenId);
        var transaction = redis.CreateTransaction();
        var removed = transaction.SortedSetRemoveAsync(DueKey, id);
        var deleted = transaction.DeleteAsync(EntryKey(id));
        await transaction.ExecuteAsync();
        return await removed | await deleted;
    }

    /// <summary>Atomically claims up to <paramref name="max"/> due entries for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<ClaimedEnvelope>> ClaimDueAsync(TimeSpan lease, int max)
    {
        var reply = await redis.EvaluateAsync(ScheduledMessageScripts.Claim, [DueKey, EntryKeyPrefix],
            [Milliseconds(lease), max.ToString(CultureInfo.InvariantCulture)]);
        var items = reply.Items ?? throw new InvalidOperationException("Claim script returned no array");
        var claimedUntil = items[0].AsInteger();
        var claimed = new List<ClaimedEnvelope>((items.Count - 1) / 2);
        for (var i = 1; i + 1 < items.Count; i += 2)
            claimed.Add(Parse(items[i].Text!, items[i + 1], claimedUntil));
        return claimed;
    }

    /// <summary>Deletes a delivered entry if it still carries this claim. False when the claim was lost.</summary>
    public async Task<bool> CompleteAsync(ClaimedEnvelope claimed)
    {
        var reply = await redis.EvaluateAsync(ScheduledMessageScripts.Complete, [DueKey, EntryKey(claimed.Id)],
            [claimed.Id, claimed.ClaimedUntilUnixMs.ToString(CultureInfo.InvariantCulture)]);
        return reply.AsInteger() == 1;
    }

    /// <summary>Makes a claimed entry due again after <paramref name="delay"/>, if it still carries this claim.</summary>
    public async Task<bool> ReleaseAsync(ClaimedEnvelope claimed, TimeSpan delay)
    {
        var reply = await redis.EvaluateAsync(ScheduledMessageScripts.Release, [DueKey],
            [claimed.Id, claimed.ClaimedUntilUnixMs.ToString(CultureInfo.InvariantCulture), Milliseconds(delay)]);
        return reply.AsInteger() == 1;
    }

    /// <summary>Entries waiting (due or claimed), for tests and diagnostics.</summary>
    public Task<long> CountAsync() => redis.SortedSetLengthAsync(DueKey);

    private static ClaimedEnvelope Parse(string id, RedisScriptResult fieldList, long claimedUntil)
    {
        try
        {
            var flat = fieldList.AsStrings();
            var fields = new Dictionary<string, string>(flat.Count / 2);
            for (var i = 0; i + 1 < flat.Count; i += 2)
                fields[flat[i]!] = flat[i + 1]!;
            return new ClaimedEnvelope(id, ScheduledEnvelope.FromFields(fields), claimedUntil, null);
        }
        catch (Exception ex) when (ex is FormatException or UriFormatException or OverflowException)
        {
            return new ClaimedEnvelope(id, null, claimedUntil, ex.Message);
        }
    }

    private static string Milliseconds(TimeSpan value) =>
        ((long)Math.Max(0, value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
