using System.Globalization;

namespace Bos.Api.Http;

/// <summary>The <c>limit</c> query of the Bos extension lists: a whole number from 1 to <see cref="Max"/>, else a 400.</summary>
public static class QueryLimit
{
    public const int Max = 10_000;

    public static int Parse(string? text, int fallback) =>
        text is null ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= Max ? limit
        : throw ProblemException.BadRequest($"limit must be a whole number from 1 to {Max}, not '{text}'");
}
