namespace Bos.Contracts.Events;

/// <summary>Published after the options record changed. <c>Options</c> is the full record as the API returns it.</summary>
public sealed record OptionsChanged
{
    public required IReadOnlyDictionary<string, System.Text.Json.JsonElement> Options { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
