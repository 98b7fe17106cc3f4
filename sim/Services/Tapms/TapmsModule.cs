using Bos.Simulator.Cluster;
using Bos.Simulator.Http;

namespace Bos.Simulator.Services.Tapms;

/// <summary>
/// TAPMS tenants (EXT-70) at /tapms/v1alpha3: a tenant's resources carry its xnames; unknown tenants are 404.
/// </summary>
public sealed class TapmsModule : ISimulatorModule
{
    public string Service => "tapms";

    public string Prefix => "/tapms/v1alpha3";

    public void Map(IEndpointRouteBuilder app)
    {
        var tapms = app.MapGroup(Prefix);
        tapms.MapGet("/tenants", (VirtualCluster cluster) => Results.Json(cluster.Tenants.Select(View), SimJson.Camel));
        tapms.MapGet("/tenants/{name}", (string name, VirtualCluster cluster) =>
            cluster.Tenants.FirstOrDefault(t => t.Name == name) is { } tenant
                ? Results.Json(View(tenant), SimJson.Camel)
                : Results.Json(new { message = $"Tenant {name} not found" }, SimJson.Camel, statusCode: 404));
    }

    private static object View(NamedNodeSet tenant)
    {
        var resources = new[]
        {
            new
            {
                type = "compute",
                hsmgrouplabel = tenant.Name,
                hsmpartitionname = "",
                enforceexclusivehsmgroups = true,
                xnames = tenant.Members,
            },
        };
        return new
        {
            apiVersion = "tapms.hpe.com/v1alpha3",
            kind = "Tenant",
            metadata = new { name = tenant.Name, @namespace = "tenants" },
            spec = new { tenantname = tenant.Name, childnamespaces = Array.Empty<string>(), tenantresources = resources },
            status = new { childnamespaces = Array.Empty<string>(), tenantresources = resources, uuid = "" },
        };
    }
}
