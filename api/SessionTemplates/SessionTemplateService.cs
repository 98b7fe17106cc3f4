using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Templates;
using Bos.Core.Tenancy;

namespace Bos.Api.SessionTemplates;

/// <summary>The session template endpoints' logic (API-26..31): tenancy (MT-04), the save pipeline, validation.</summary>
public sealed class SessionTemplateService(
    SessionTemplateRepository repository, TemplateSavePipeline pipeline, BootSetValidator validator, ITenantDirectory tenants)
{
    private const string TemplateType = "Session template";

    /// <summary>API-26: a tenant sees its own templates; no tenant sees every tenant's (MT-04).</summary>
    public async Task<IReadOnlyList<SessionTemplate>> ListAsync(string? tenant)
    {
        var all = await repository.ListAsync();
        return tenant is not null ? all.Where(t => t.Tenant == tenant).ToList() : all;
    }

    public async Task<SessionTemplate> GetAsync(string? tenant, string name) =>
        await repository.GetAsync(name, tenant) ?? throw NotFound(tenant, name);

    /// <summary>API-28: create or overwrite (always 200); the tenant must exist (MT-02).</summary>
    public async Task<SessionTemplate> PutAsync(string? tenant, string name, SessionTemplate body, CancellationToken ct)
    {
        if (tenant is not null) await Tenant.OwnedComponents(tenants, tenant, ct);
        SessionTemplate sanitized;
        try { sanitized = await pipeline.SanitizeAsync(name, body, ct); }
        catch (TemplateRuleException ex) { throw ProblemException.BadRequest($"The session template could not be created: {ex.Message}"); }
        return await repository.PutAsync(sanitized with { Tenant = tenant });
    }

    /// <summary>API-29: merge (DM-62) into the stored template, then the save pipeline on the result; the tenant is kept.</summary>
    public async Task<SessionTemplate> PatchAsync(string? tenant, string name, SessionTemplate patch, CancellationToken ct)
    {
        var updated = await repository.UpdateAsync(name, tenant, async record =>
        {
            try { return (await pipeline.SanitizeAsync(name, TemplateMerge.Apply(record, patch), ct)) with { Tenant = record.Tenant }; }
            catch (TemplateRuleException ex) { throw ProblemException.BadRequest($"The session template could not be patched: {ex.Message}"); }
        });
        return updated ?? throw NotFound(tenant, name);
    }

    public async Task DeleteAsync(string? tenant, string name)
    {
        if (!await repository.DeleteAsync(name, tenant)) throw NotFound(tenant, name);
    }

    /// <summary>API-31: the validation message, with 200 even when the template is invalid; "boot" is the most demanding operation.</summary>
    public async Task<string> ValidateAsync(string? tenant, string name, CancellationToken ct)
    {
        var template = await GetAsync(tenant, name);
        return (await validator.ValidateAsync(template, SessionOperations.Boot, name, ct)).Message;
    }

    private static ProblemException NotFound(string? tenant, string name) => ProblemException.NotFound(TemplateType, name, tenant);
}
