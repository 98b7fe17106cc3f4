using Bos.Contracts.Resources;

namespace Bos.Core.Templates;

/// <summary>
/// T9's check of the whole sanitized template against the API's V2SessionTemplate schema. The schema lives with
/// the API (the upstream spec), so the API provides this; processes without it skip the check.
/// </summary>
public interface ISessionTemplateSchema
{
    /// <summary>Null when valid, else the first schema violation.</summary>
    string? Validate(SessionTemplate template);
}
