using System.Text.Json.Nodes;

namespace Bos.Migrate.Rules;

/// <summary>What the migration does with one stored session template (DB-20 step 1).</summary>
public abstract record TemplateVerdict
{
    /// <summary>Valid as stored: nothing to write.</summary>
    public sealed record Keep : TemplateVerdict;

    /// <summary>Repaired in place: the same name and key, a corrected document.</summary>
    public sealed record Rewrite(JsonObject Template, IReadOnlyList<string> Repairs) : TemplateVerdict;

    /// <summary>An illegal name replaced by <paramref name="NewName"/> (a new key); the old key goes.</summary>
    public sealed record Rename(string NewName, JsonObject Template, IReadOnlyList<string> Repairs) : TemplateVerdict;

    /// <summary>Beyond repair: deleted (the whole record is logged), with upstream's reason.</summary>
    public sealed record Delete(string Reason) : TemplateVerdict;
}

/// <summary>A record the rules cannot keep: the message is upstream's ValidationError text.</summary>
public sealed class RecordRejected(string reason) : Exception(reason);
