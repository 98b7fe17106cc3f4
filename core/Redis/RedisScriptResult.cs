namespace Bos.Core.Redis;

/// <summary>A Lua script's reply, independent of the client library: nil, integer, string or array.</summary>
public sealed class RedisScriptResult
{
    private RedisScriptResult(bool isNull, long? integer, string? text, IReadOnlyList<RedisScriptResult>? items)
    {
        IsNull = isNull;
        Integer = integer;
        Text = text;
        Items = items;
    }

    public bool IsNull { get; }
    public long? Integer { get; }
    public string? Text { get; }
    public IReadOnlyList<RedisScriptResult>? Items { get; }

    public static readonly RedisScriptResult Null = new(true, null, null, null);
    public static RedisScriptResult FromInteger(long value) => new(false, value, value.ToString(System.Globalization.CultureInfo.InvariantCulture), null);
    public static RedisScriptResult FromText(string value) => new(false, null, value, null);
    public static RedisScriptResult FromItems(IReadOnlyList<RedisScriptResult> items) => new(false, null, null, items);

    public long AsInteger() => Integer ?? (long.TryParse(Text, out var v) ? v : throw new InvalidOperationException("Script result is not an integer"));

    public IReadOnlyList<string?> AsStrings() => Items?.Select(i => i.IsNull ? null : i.Text).ToList() ?? [];
}
