namespace Bos.Api.Sessions;

/// <summary>
/// The filters of GET and DELETE /v2/sessions (API-34, API-35) as given, bound from the query string after the spec
/// validated it; <see cref="Bos.Core.Sessions.SessionFilter"/> interprets them.
/// </summary>
public sealed record SessionListQuery(string? MinAge, string? MaxAge, string? Status)
{
    public static ValueTask<SessionListQuery> BindAsync(HttpContext http)
    {
        var query = http.Request.Query;
        string? Value(string key) => query.TryGetValue(key, out var v) ? v.ToString() : null;
        return ValueTask.FromResult(new SessionListQuery(Value("min_age"), Value("max_age"), Value("status")));
    }
}
