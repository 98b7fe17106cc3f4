using System.Collections.Concurrent;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Redis;
using Bos.Core.Sessions;
using Bos.Core.Tenancy;

namespace Bos.Core.Integration;

/// <summary>
/// The tenant of a session named by components (a component names its session without its tenant), for the tenant
/// header of component events. A session's tenant never changes, so a name found under exactly one tenant is
/// remembered; a name found under several tenants (or none) gets no tenant.
/// </summary>
public sealed class SessionTenantLookup(IRedisStore redis)
{
    private readonly ConcurrentDictionary<string, string?> _known = new();

    public async Task<IReadOnlyDictionary<string, string?>> ResolveAsync(IReadOnlySet<string> names)
    {
        var missing = names.Where(n => !_known.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            // Tenant keys end with sha1(name) (MT-03): the index tells which records to read.
            var suffixes = missing.ToDictionary(n => TenantKey.For(null, n)[41..], n => n);
            var keys = (await redis.SortedSetRangeByLexAsync(SessionRepository.IndexKey, null))
                .Where(k => k.Length > 41 && suffixes.ContainsKey(k[41..])).ToList();
            var found = (await redis.GetManyAsync(keys.Select(SessionRepository.Key).ToList()))
                .OfType<string>().Select(BosJson.Deserialize<Session>).GroupBy(s => s.Name ?? "");
            foreach (var sessions in found)
                if (sessions.Count() == 1) _known[sessions.Key] = sessions.Single().Tenant;
        }
        return names.ToDictionary(n => n, n => _known.GetValueOrDefault(n));
    }
}
