namespace Bos.Api.Spec;

public static class SpecEndpointExtensions
{
    /// <summary>
    /// Names the endpoint by its upstream operationId and has <see cref="SpecValidationMiddleware"/> validate its
    /// requests against that operation (the spec stays the single source of request validation).
    /// </summary>
    public static RouteHandlerBuilder WithSpec(this RouteHandlerBuilder builder, string operationId) =>
        builder.WithName(operationId).WithMetadata(SpecOperation.For(operationId));

    /// <summary>
    /// A /v1 endpoint: named by its operationId in upstream's last spec with v1 (V1-02), validated against that spec,
    /// and left out of the generated /v2 OpenAPI document.
    /// </summary>
    public static RouteHandlerBuilder WithV1Spec(this RouteHandlerBuilder builder, string operationId) =>
        builder.WithName(operationId).WithMetadata(SpecOperation.For(operationId, UpstreamSpec.V1)).ExcludeFromDescription();

    /// <summary>
    /// A Bos extension endpoint (not in upstream's spec) named <paramref name="name"/> whose requests are validated
    /// like upstream's <paramref name="operationId"/> (e.g. a dry run takes the body of the write it previews).
    /// </summary>
    public static RouteHandlerBuilder WithSpecOf(this RouteHandlerBuilder builder, string name, string operationId) =>
        builder.WithName(name).WithMetadata(SpecOperation.For(operationId));

    /// <summary>Adds the spec validation of the routed endpoint to the pipeline (after routing, before the endpoints).</summary>
    public static IApplicationBuilder UseSpecValidation(this IApplicationBuilder app) => app.UseMiddleware<SpecValidationMiddleware>();
}
