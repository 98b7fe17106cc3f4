using System.Text.Json.Nodes;
using Bos.Contracts.Resources;

namespace Bos.Core.Sessions;

/// <summary>
/// PATCH of a session (API-37): only <c>status</c> (merged key by key; an explicit null clears end_time or error)
/// and <c>components</c> (replaced) are applied; anything else in the body is ignored.
/// </summary>
public static class SessionMerge
{
    public static Session Apply(Session record, JsonObject patch)
    {
        var merged = record;
        if (patch["status"] is JsonObject status)
        {
            var current = record.Status ?? new SessionStatus();
            foreach (var (key, value) in status)
            {
                var text = value?.GetValue<string>();
                current = key switch
                {
                    "start_time" => current with { StartTime = text },
                    "end_time" => current with { EndTime = text },
                    "status" => current with { Status = text },
                    "error" => current with { Error = text },
                    _ => current,
                };
            }
            merged = merged with { Status = current };
        }
        if (patch.TryGetPropertyValue("components", out var components))
            merged = merged with { Components = components?.GetValue<string>() };
        return merged;
    }
}
