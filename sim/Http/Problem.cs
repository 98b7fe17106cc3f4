using Microsoft.AspNetCore.WebUtilities;

namespace Bos.Simulator.Http;

/// <summary>RFC 7807 error bodies, the shape HSM, PCS, BSS, CFS and IMS answer errors with.</summary>
public static class Problem
{
    public static IResult Result(int status, string detail) => Results.Json(
        Body(status, detail),
        SimJson.Camel,
        contentType: "application/problem+json",
        statusCode: status);

    public static object Body(int status, string detail) => new
    {
        type = "about:blank",
        title = ReasonPhrases.GetReasonPhrase(status),
        detail,
        status,
    };
}
