using Bos.Simulator.Http;

namespace Bos.Simulator.Services.Bss;

/// <summary>
/// BSS (EXT-30) at /boot/v1: PUT /bootparameters answers with a unique bss-referral-token header; GET returns what
/// a host will boot; GET /bootscript shows the iPXE script a node gets, token on the kernel command line.
/// </summary>
public sealed class BssModule : ISimulatorModule
{
    public const string TokenHeader = "bss-referral-token";

    public string Service => "bss";

    public string Prefix => "/boot/v1";

    public void Map(IEndpointRouteBuilder app)
    {
        var bss = app.MapGroup(Prefix);
        bss.MapPut("/bootparameters", async (HttpContext context, BootParameterStore store) =>
        {
            var (body, error) = await SimJson.ReadAsync<BootParametersBody>(context.Request, SimJson.Camel);
            if (body is null) return error!;
            if (body.Hosts is not { Count: > 0 } hosts)
                return Problem.Result(400, "Bad Request: hosts is required (the simulator keys boot parameters by host)");
            var token = store.Put(hosts, body.Params ?? "", body.Kernel ?? "", body.Initrd ?? "");
            context.Response.Headers[TokenHeader] = token;
            return Results.Ok();
        });
        bss.MapGet("/bootparameters", (HttpRequest request, BootParameterStore store) =>
        {
            var names = request.Query["name"].SelectMany(n => (n ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var records = names.Count == 0
                ? store.All()
                : names.Select(store.Get).OfType<HostBootParameters>().ToList();
            if (names.Count > 0 && records.Count == 0) return Problem.Result(404, "Not Found");
            return Results.Json(records.Select(r => new
            {
                hosts = new[] { r.Host },
                @params = r.Params,
                kernel = r.Kernel,
                initrd = r.Initrd,
                cloud_init = new { meta_data = (object?)null, user_data = (object?)null, phone_home = (object?)null },
            }), SimJson.Camel);
        });
        bss.MapGet("/bootscript", (HttpRequest request, BootParameterStore store) =>
        {
            var name = request.Query["name"].ToString();
            if (store.Get(name) is not { } record) return Problem.Result(404, $"Cannot find boot parameters for {name}");
            var script = $"#!ipxe\nkernel --name kernel {record.Kernel} initrd=initrd {record.Params} " +
                         $"bss_referral_token={record.Token} xname={name}\ninitrd --name initrd {record.Initrd}\nboot\n";
            return Results.Text(script, "text/plain");
        });
    }

    private sealed class BootParametersBody
    {
        public List<string>? Hosts { get; set; }

        public string? Params { get; set; }

        public string? Kernel { get; set; }

        public string? Initrd { get; set; }
    }
}
