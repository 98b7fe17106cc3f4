namespace Bos.Api.Auth;

/// <summary>
/// Settings of section "Auth": optional bearer-token authentication in Bos itself (upstream leaves it to the API
/// gateway, API-13). Off unless <see cref="Authority"/> or <see cref="JwksFile"/> is set. See docs/security.md.
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";

    /// <summary>OpenID Connect issuer URL; signing keys come from its discovery document (e.g. Keycloak's realm URL).</summary>
    public string? Authority { get; set; }

    /// <summary>A JSON Web Key Set file with the signing keys, instead of (or besides) the authority's.</summary>
    public string? JwksFile { get; set; }

    /// <summary>The expected `iss`; defaults to <see cref="Authority"/>. Required with a JWKS file alone.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected `aud`; when not set the audience is not checked.</summary>
    public string? Audience { get; set; }

    /// <summary>A claim naming the token's tenant (e.g. `tenant`); a token with it can only act within that tenant.</summary>
    public string? TenantClaim { get; set; }

    /// <summary>The claim holding the token's roles; a dotted path reads into a JSON claim (`realm_access.roles`).</summary>
    public string RolesClaim { get; set; } = "roles";

    /// <summary>
    /// The role admin-only operations need (PATCH /v2/options, untenanted bulk component writes, untenanted bulk
    /// session delete). When not set, any valid token without a tenant may do them.
    /// </summary>
    public string? AdminRole { get; set; }

    /// <summary>Whether the authority's metadata must be fetched over HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerated clock difference for `exp`/`nbf`.</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(JwksFile);
}
