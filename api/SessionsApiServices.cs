using Bos.Api.DryRun;
using Bos.Api.Sessions;
using Bos.Api.SessionTemplates;
using Bos.Core.Sessions;
using Bos.Core.Sessions.Setup;
using Bos.Core.Templates;

namespace Bos.Api;

public static class SessionsApiServices
{
    /// <summary>What the session and session template endpoints need (kept apart from <see cref="ApiServices"/>).</summary>
    public static IServiceCollection AddBosSessionsApi(this IServiceCollection services)
    {
        services.AddBosSessionsAndTemplates();
        services.AddSingleton<ISessionTemplateSchema, SpecSessionTemplateSchema>();
        services.AddSingleton<SessionTemplateService>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<Core.Sessions.V1.V1SessionStore>();
        services.AddSingleton<V1.V1SessionService>();
        services.AddSingleton<SessionSetupPlanner>();
        services.AddSingleton<NodePreview>();
        services.AddSingleton<SessionDryRunService>();
        services.AddSingleton<StagedDryRunService>();
        services.AddSingleton<Dashboard.FeedHub>();
        return services;
    }
}
