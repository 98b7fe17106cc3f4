using System.Text.Json.Nodes;
using Bos.Simulator.Http;

namespace Bos.Simulator.Services.Ims;

/// <summary>
/// IMS v3 images (EXT-50) at /ims/v3: GET list and by id (arch, link to the S3 manifest); PATCH metadata
/// ({"metadata":{"operation":"set"|"remove","key","value"}}) and arch, as BOS's SBPS tagging does.
/// </summary>
public sealed class ImsModule : ISimulatorModule
{
    public string Service => "ims";

    public string Prefix => "/ims/v3";

    public void Map(IEndpointRouteBuilder app)
    {
        var ims = app.MapGroup(Prefix);
        ims.MapGet("/images", (ImageCatalog catalog) => Results.Json(catalog.Images().Select(View), SimJson.Snake));
        ims.MapGet("/images/{id}", (string id, ImageCatalog catalog) =>
            catalog.Image(id) is { } image ? Results.Json(View(image), SimJson.Snake) : NotFound(id));
        ims.MapPatch("/images/{id}", async (string id, HttpRequest request, ImageCatalog catalog) =>
        {
            var (body, error) = await SimJson.ReadObjectAsync(request);
            if (body is null) return error!;
            if (catalog.Image(id) is null) return NotFound(id);
            if (body["metadata"] is JsonObject metadata)
            {
                var operation = metadata["operation"]?.ToString() ?? "";
                var key = metadata["key"]?.ToString();
                if (string.IsNullOrEmpty(key)) return Problem.Result(400, "metadata.key is required");
                if (!catalog.UpdateMetadata(id, operation, key, metadata["value"]?.ToString()))
                    return Problem.Result(400, $"metadata.operation must be 'set' or 'remove', not '{operation}'");
            }
            if (body["arch"]?.ToString() is { } arch)
            {
                if (arch is not ("x86_64" or "aarch64")) return Problem.Result(400, $"arch must be x86_64 or aarch64, not '{arch}'");
                catalog.UpdateArch(id, arch);
            }
            return Results.Json(View(catalog.Image(id)!), SimJson.Snake);
        });
    }

    private static IResult NotFound(string id) => Problem.Result(404, $"No IMS image record matches id={id}");

    private static object View(ImsImageView image) => new
    {
        id = image.Id,
        name = image.Name,
        created = image.Created.ToString("yyyy-MM-ddTHH:mm:ss.ffffff+00:00"),
        arch = image.Arch,
        link = new { path = image.ManifestPath, etag = image.ManifestEtag, type = "s3" },
        metadata = image.Metadata,
    };
}
