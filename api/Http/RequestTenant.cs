namespace Bos.Api.Http;

/// <summary>
/// The request's tenant (`Cray-Tenant-Name`, MT-01), bound as a handler parameter; <see cref="Name"/> is null when
/// the header is missing or empty. A bindable type rather than a [FromHeader] string: an empty header must mean
/// "no tenant" as upstream, and the header stays out of the generated OpenAPI operations (the spec's declaration
/// is added there by SpecParametersTransformer). Whether the tenant exists is each service's check, at the step
/// upstream made it.
/// </summary>
public sealed record RequestTenant(string? Name)
{
    private static readonly RequestTenant None = new((string?)null);

    public static ValueTask<RequestTenant> BindAsync(HttpContext http) =>
        ValueTask.FromResult(http.Request.Headers.TryGetValue(Tenant.Header, out var value) && !string.IsNullOrEmpty(value.ToString())
            ? new RequestTenant(value.ToString())
            : None);
}
