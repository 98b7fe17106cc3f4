using Bos.Contracts.Resources;

namespace Bos.Core.Audit;

/// <summary>
/// Which audit entries a query returns: those of the asking tenant (every entry when no tenant asks) whose resource
/// is <see cref="Resource"/>: a type (<c>component</c>), a type and id (<c>component/x1</c>) or an id (<c>x1</c>).
/// </summary>
public sealed record AuditFilter(string? Tenant, string? Resource)
{
    public bool Matches(AuditEntry entry) =>
        (Tenant is null || entry.Tenant == Tenant) && (string.IsNullOrEmpty(Resource) || Resource == entry.ResourceType
            || (entry.ResourceId is { Length: > 0 } id && (Resource == id || Resource == $"{entry.ResourceType}/{id}")));
}
