using System.Text.Json.Nodes;

namespace Bos.Api.V1;

/// <summary>
/// A v1 session template in v2 form (upstream's `strip_v1_only_fields`, kept since 2.7.0): the fields only v1 had
/// are removed, and the name moves from the body to the key.
/// </summary>
public static class V1Templates
{
    private static readonly string[] TemplateFields = ["cfs_branch", "cfs_url", "partition"];
    private static readonly string[] CfsFields = ["branch", "clone_url", "commit", "playbook"];
    private static readonly string[] BootSetFields = ["boot_ordinal", "network", "shutdown_ordinal"];

    /// <summary>upstream v1's EXAMPLE_SESSION_TEMPLATE (GET /v1/sessiontemplatetemplate), verbatim.</summary>
    public static JsonObject Example() => JsonNode.Parse("""
        {"boot_sets": {"name_your_boot_set": {"type": "s3", "etag": "boot-image-s3-etag",
          "kernel_parameters": "your-kernel-parameters", "node_list": ["xname1", "xname2", "xname3"],
          "path": "s3://boot-images/boot-image-ims-id/manifest.json", "rootfs_provider": "cpss3",
          "rootfs_provider_passthrough": "dvs:api-gw-service-nmn.local:300:hsn0,nmn0:0"}},
         "cfs": {"configuration": "desired-cfs-config"}, "enable_cfs": true}
        """)!.AsObject();

    /// <summary>The name and the v2 body of a validated v1 template.</summary>
    public static (string Name, JsonObject Body) ToV2(JsonObject v1)
    {
        var body = v1.DeepClone().AsObject();
        var name = (string)body["name"]!;
        body.Remove("name");
        foreach (var field in TemplateFields) body.Remove(field);
        if (body["cfs"] is JsonObject cfs)
            foreach (var field in CfsFields) cfs.Remove(field);
        if (body["boot_sets"] is JsonObject sets)
            foreach (var (_, set) in sets)
                if (set is JsonObject bootSet)
                    foreach (var field in BootSetFields) bootSet.Remove(field);
        return (name, body);
    }
}
