using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Bos.Api.Auth;

public static class AuthRegistration
{
    /// <summary>
    /// Registers the JWT bearer handler when "Auth" enables it. Nothing at all is registered otherwise, so a
    /// deployment without these settings (and its clients' tokens, e.g. bos-reporter's) is untouched.
    /// </summary>
    public static IServiceCollection AddBosAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(AuthSettings.Section);
        services.Configure<AuthSettings>(section);
        var settings = section.Get<AuthSettings>() ?? new AuthSettings();
        if (settings.Enabled)
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o => Configure(o, settings));
        return services;
    }

    public static IApplicationBuilder UseBosAuth(this IApplicationBuilder app) => app.UseMiddleware<BosAuthMiddleware>();

    private static void Configure(JwtBearerOptions o, AuthSettings s)
    {
        if (!s.Enabled) return;
        o.MapInboundClaims = false;
        o.SaveToken = false;
        o.IncludeErrorDetails = false;
        if (!string.IsNullOrWhiteSpace(s.Authority)) o.Authority = s.Authority;
        o.RequireHttpsMetadata = s.RequireHttpsMetadata;
        var issuer = string.IsNullOrWhiteSpace(s.Issuer) ? s.Authority : s.Issuer;
        if (string.IsNullOrWhiteSpace(issuer))
            throw new InvalidOperationException("Auth:Issuer is required when Auth:JwksFile is set without Auth:Authority");
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer,
            ValidateAudience = !string.IsNullOrWhiteSpace(s.Audience),
            ValidAudience = s.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = TimeSpan.FromSeconds(s.ClockSkewSeconds),
            NameClaimType = "sub",
        };
        if (!string.IsNullOrWhiteSpace(s.JwksFile))
            o.TokenValidationParameters.IssuerSigningKeys = new JsonWebKeySet(File.ReadAllText(s.JwksFile)).GetSigningKeys();
    }
}
