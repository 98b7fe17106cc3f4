using System.Text.Json.Nodes;
using Bos.Api.Spec;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bos.Api.SessionTemplates;

/// <summary>GET /v2/sessiontemplatetemplate (API-32): upstream 2.50's example session template, verbatim (DM-64).</summary>
public sealed class SessionTemplateTemplateModule : ICarterModule
{
    private const string Example = """
        {"boot_sets":{"name_your_boot_set":{"type":"s3","etag":"boot-image-s3-etag","kernel_parameters":"your-kernel-parameters",
          "cfs":{"configuration":"bootset-specific-cfs-override"},"node_list":["xname1","xname2","xname3"],
          "path":"s3://boot-images/boot-image-ims-id/manifest.json","rootfs_provider":"sbps",
          "rootfs_provider_passthrough":"sbps:v1:iqn.2023-06.csm.iscsi:_sbps-hsn._tcp.my-system.my-site-domain:300"}},
         "cfs":{"configuration":"default-sessiontemplate-cfs-config"},"enable_cfs":true}
        """;

    // Parsed once; each response serialises the same immutable-by-convention document.
    private static readonly string Body = JsonNode.Parse(Example)!.ToJsonString();

    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/v2/sessiontemplatetemplate", GetExampleTemplate)
            .WithSpec("get_v2_sessiontemplatetemplate").WithTags("sessiontemplates").Produces<JsonObject>();

    /// <summary>The example as stored text: "application/json" without a charset, as before.</summary>
    public static ContentHttpResult GetExampleTemplate() => TypedResults.Text(Body, "application/json");
}
