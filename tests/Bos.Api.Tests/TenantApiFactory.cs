namespace Bos.Api.Tests;

/// <summary>The API with two configured tenants: "vcluster-a" owns x1 and x2, "vcluster-b" owns x3.</summary>
public sealed class TenantApiFactory : ApiHostFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        .. base.Settings(),
        new("Tenants:vcluster-a:0", "x1"),
        new("Tenants:vcluster-a:1", "x2"),
        new("Tenants:vcluster-b:0", "x3"),
    ];

    public HttpClient ClientFor(string? tenant)
    {
        var client = CreateClient();
        if (tenant is not null) client.DefaultRequestHeaders.Add("Cray-Tenant-Name", tenant);
        return client;
    }
}
