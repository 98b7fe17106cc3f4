using Bos.Api.Http;

namespace Bos.Api.V1;

/// <summary>
/// v1 never supported multi-tenancy (MT-11, V1-04): a request with a non-empty `Cray-Tenant-Name` is a 400, as
/// upstream's `no_v1_multi_tenancy_support` answered it.
/// </summary>
public sealed class V1TenantFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.Request.Headers.TryGetValue(Tenant.Header, out var tenant) && !string.IsNullOrEmpty(tenant.ToString()))
            throw new ProblemException(400, "Multi-tenancy not supported",
                "BOS v1 endpoints do not support multi-tenancy and a tenant was specified in the header");
        return next(context);
    }
}
