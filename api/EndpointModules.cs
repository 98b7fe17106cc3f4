using Bos.Api.Modules;

namespace Bos.Api;

public static class EndpointModules
{
    /// <summary>Every resource module, in one list.</summary>
    private static readonly IEndpointModule[] Modules =
    [
        new HealthModule(),
        new ComponentsModule(),
        new ApplyStagedModule(),
        new OptionsModule(),
        new VersionModule(),
        new SessionTemplateTemplateModule(),
        new OpenApiModule(),
        new SessionTemplatesModule(),
        new SessionsModule(),
    ];

    public static IEndpointRouteBuilder MapBosModules(this IEndpointRouteBuilder app)
    {
        foreach (var module in Modules) module.Map(app);
        return app;
    }
}
