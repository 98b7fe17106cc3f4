using System.Text.Json;

namespace Bos.Core.Messaging;

/// <summary>How MassTransit writes message bodies (its JSON options are process-wide).</summary>
public static class MessageJson
{
    /// <summary>
    /// MassTransit's options without indentation: MassTransit indents by default, and a <c>ComponentsChanged</c> of 1,000
    /// changes is then a third whitespace, copied three times by every receiver and counted against the GC's
    /// large-object budget (BENCHMARKS.md). A copy, because the options in use may already be read-only.
    /// </summary>
    public static JsonSerializerOptions Compact(JsonSerializerOptions options) =>
        options.WriteIndented ? new JsonSerializerOptions(options) { WriteIndented = false } : options;
}
