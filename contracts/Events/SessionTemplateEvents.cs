using Bos.Contracts.Resources;

namespace Bos.Contracts.Events;

/// <summary>A session template was created, overwritten (PUT) or patched; <c>Template</c> is the stored document.</summary>
public sealed record SessionTemplateSaved
{
    public required string TemplateName { get; init; }
    public string? Tenant { get; init; }
    public required SessionTemplate Template { get; init; }
    public required DateTimeOffset SavedAt { get; init; }
}

/// <summary>A session template was deleted.</summary>
public sealed record SessionTemplateDeleted
{
    public required string TemplateName { get; init; }
    public string? Tenant { get; init; }
    public required DateTimeOffset DeletedAt { get; init; }
}
