using Microsoft.AspNetCore.WebUtilities;

namespace Bos.Api.Http;

/// <summary>Upstream's problem+json body (API-02): type, title, status, detail, in that order.</summary>
public static class Problems
{
    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        Audit.AuditMiddleware.NoteProblem(context, title);
        return context.Response.WriteAsJsonAsync(new { type = "about:blank", title, status, detail },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    /// <summary>The title of a status without a more specific one (the HTTP reason phrase, as connexion's problems).</summary>
    public static string Title(int status) => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    /// <summary>Werkzeug's texts for the errors connexion answered without a handler.</summary>
    public static string Detail(int status) => status switch
    {
        404 => "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
        405 => "The method is not allowed for the requested URL.",
        401 => "A valid bearer token is required.",
        403 => "You don't have the permission to access the requested resource.",
        413 => "The data value transmitted exceeds the capacity limit.",
        414 => "The length of the requested URL exceeds the capacity limit for this server.",
        415 => "The server does not support the media type transmitted in the request.",
        _ => Title(status),
    };
}
