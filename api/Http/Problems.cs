namespace Bos.Api.Http;

/// <summary>Upstream's problem+json body (API-02): type, title, status, detail, in that order.</summary>
public static class Problems
{
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { type = "about:blank", title, status, detail },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
