using System.Security.Claims;
using System.Text.Json;
using Bos.Api.Http;
using Bos.Api.Spec;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Bos.Api.Auth;

/// <summary>
/// When "Auth" is configured: every endpoint except the anonymous ones (health, version) needs a valid bearer
/// token (401 otherwise); a token's tenant claim binds the request to that tenant (a different `Cray-Tenant-Name`
/// is a 403, no header acts as the token's tenant); admin-only operations need the admin role (403). Errors are
/// problem+json through <see cref="ProblemMiddleware"/>. Nothing of the token is logged.
/// </summary>
public sealed class BosAuthMiddleware(RequestDelegate next, IOptions<AuthSettings> options)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var settings = options.Value;
        var endpoint = http.GetEndpoint();
        if (!settings.Enabled || endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(http);
            return;
        }

        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is null)
        {
            http.Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            throw new ProblemException(401, "Unauthorized", result.Failure switch
            {
                null => "A bearer token is required",
                SecurityTokenExpiredException => "The bearer token has expired",
                _ => "The bearer token is not valid",
            });
        }
        http.User = result.Principal;

        var tokenTenant = string.IsNullOrWhiteSpace(settings.TenantClaim) ? null : result.Principal.FindFirst(settings.TenantClaim)?.Value;
        if (!string.IsNullOrEmpty(tokenTenant))
        {
            var header = http.Request.Headers[Tenant.Header].ToString();
            if (header.Length > 0 && header != tokenTenant)
                throw new ProblemException(403, "Forbidden", $"The token's tenant '{tokenTenant}' can not act for tenant '{header}'");
            http.Request.Headers[Tenant.Header] = tokenTenant;
        }

        // A Bos extension validated by no upstream operation goes by its endpoint name.
        var operation = endpoint.Metadata.GetMetadata<SpecOperation>()?.Id ?? endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        if (operation is not null && IsAdminOnly(operation, http.Request.Headers[Tenant.Header].ToString()) && !IsAdmin(settings, result.Principal, tokenTenant))
            throw new ProblemException(403, "Forbidden", settings.AdminRole is null
                ? $"Operation {operation} is not allowed for a tenant"
                : $"Operation {operation} needs the role '{settings.AdminRole}'");
        await next(http);
    }

    /// <summary>Operations that act on everything: the global options, bulk writes or deletes and the audit log without a tenant.</summary>
    public static bool IsAdminOnly(string operationId, string tenantHeader) => operationId switch
    {
        "patch_v2_options" => true,
        "put_v2_components" or "patch_v2_components" or "delete_v2_sessions" or Audit.AuditModule.OperationName => tenantHeader.Length == 0,
        _ => false,
    };

    private static bool IsAdmin(AuthSettings settings, ClaimsPrincipal user, string? tokenTenant) =>
        settings.AdminRole is null ? string.IsNullOrEmpty(tokenTenant) : Roles(user, settings.RolesClaim).Contains(settings.AdminRole);

    /// <summary>The roles of a claim (one claim per role), or of a dotted path into a JSON claim (`realm_access.roles`).</summary>
    public static IReadOnlySet<string> Roles(ClaimsPrincipal user, string claim)
    {
        var parts = claim.Split('.', 2);
        if (parts.Length == 1) return user.FindAll(claim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in user.FindAll(parts[0]))
        {
            try
            {
                using var doc = JsonDocument.Parse(c.Value);
                var node = doc.RootElement;
                var found = true;
                foreach (var name in parts[1].Split('.'))
                    if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out node)) { found = false; break; }
                if (!found) continue;
                if (node.ValueKind == JsonValueKind.Array)
                    foreach (var r in node.EnumerateArray()) { if (r.ValueKind == JsonValueKind.String) roles.Add(r.GetString()!); }
                else if (node.ValueKind == JsonValueKind.String) roles.Add(node.GetString()!);
            }
            catch (JsonException) { }
        }
        return roles;
    }
}
