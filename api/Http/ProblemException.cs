namespace Bos.Api.Http;

/// <summary>An RFC 7807 answer thrown from anywhere in a request; <see cref="ProblemMiddleware"/> writes it.</summary>
public sealed class ProblemException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public string Detail { get; } = detail;

    public static ProblemException BadRequest(string detail) => new(400, "Bad Request", detail);

    /// <summary>API-11: "&lt;Type&gt; '&lt;id&gt;' does not exist", naming the tenant when there is one.</summary>
    public static ProblemException NotFound(string type, string id, string? tenant) =>
        new(404, "The resource was not found",
            tenant is null ? $"{type} '{id}' does not exist" : $"{type} for tenant '{tenant}' '{id}' does not exist");

    public static ProblemException InvalidTenant() => new(400, "Invalid tenant", "The provided tenant does not exist");
}
