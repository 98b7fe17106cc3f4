using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bos.Api.OpenApi;

/// <summary>The JSON request body type an endpoint documents (see <see cref="RequestBodyDocumentation.DocumentsBody{T}"/>).</summary>
public sealed record DocumentedBody(Type Type);

public static class RequestBodyDocumentation
{
    /// <summary>
    /// Documents the JSON request body as <typeparamref name="T"/>. Unlike Accepts&lt;T&gt;, this adds no
    /// IAcceptsMetadata, which would make routing answer a non-JSON request with an empty 415 before the spec
    /// validation could give its connexion-style problem.
    /// </summary>
    public static RouteHandlerBuilder DocumentsBody<T>(this RouteHandlerBuilder builder) => builder.WithMetadata(new DocumentedBody(typeof(T)));
}

/// <summary>Writes the <see cref="DocumentedBody"/> of each endpoint into its generated operation.</summary>
public sealed class RequestBodyTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().LastOrDefault() is not { } body) return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken) },
            },
        };
    }
}
