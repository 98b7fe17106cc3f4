using System.Text.Json;
using Bos.Api.Spec;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Templates;

namespace Bos.Api.SessionTemplates;

/// <summary>T9 (DM-61): the sanitized template checked against the spec's V2SessionTemplate schema.</summary>
public sealed class SpecSessionTemplateSchema(SchemaValidator validator) : ISessionTemplateSchema
{
    public string? Validate(SessionTemplate template)
    {
        var document = JsonSerializer.SerializeToNode(template, BosJson.Options)!.AsObject();
        // Upstream's T9 check is plain jsonschema, which ignores readOnly; our validator rejects readOnly properties
        // as connexion does for requests, so the read-only name and tenant are left out here.
        document.Remove("name");
        document.Remove("tenant");
        return validator.ValidateAgainst(document, "V2SessionTemplate");
    }
}
