using Bos.Core.BootImages;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bos.Core.Sessions;

public static class SessionsRegistration
{
    /// <summary>
    /// Session and template storage and rules. Options and the boot image catalog fall back to upstream's defaults
    /// and to "nothing can be checked" when the host registers no real ones (Try: a host's own registration wins).
    /// </summary>
    public static IServiceCollection AddBosSessionsAndTemplates(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBosOptionsSource>(new StaticBosOptionsSource(BosOptions.Defaults));
        services.TryAddSingleton<IBootImageCatalog, UnavailableBootImageCatalog>();
        services.TryAddSingleton<ComponentRepository>();
        services.AddSingleton<BootImageChecks>();
        services.AddSingleton<BootSetValidator>();
        services.AddSingleton<TemplateSavePipeline>();
        services.AddSingleton<SessionTemplateRepository>();
        services.AddSingleton<SessionRepository>();
        services.AddSingleton<SessionStatusReader>();
        return services;
    }
}
