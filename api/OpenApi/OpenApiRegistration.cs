using Bos.Api.Version;

namespace Bos.Api.OpenApi;

public static class OpenApiRegistration
{
    /// <summary>The OpenAPI document generated from the endpoints (served by <see cref="OpenApiModule"/>).</summary>
    public static IServiceCollection AddBosOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Boot Orchestration Service";
                document.Info.Version = BosVersion.Release;
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<SpecParametersTransformer>();
            options.AddOperationTransformer<RequestBodyTransformer>();
        });
}
