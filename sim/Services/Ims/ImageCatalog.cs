using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bos.Simulator.Options;
using Microsoft.Extensions.Options;

namespace Bos.Simulator.Services.Ims;

public sealed class ImsImage(string id, string name, string arch, DateTimeOffset created, string manifestPath, string manifestEtag)
{
    public string Id { get; } = id;

    public string Name { get; set; } = name;

    public string Arch { get; set; } = arch;

    public DateTimeOffset Created { get; } = created;

    public string ManifestPath { get; } = manifestPath;

    public string ManifestEtag { get; } = manifestEtag;

    public Dictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);
}

/// <summary>A consistent copy of an image record, safe to serialise after the catalog lock is released.</summary>
public sealed record ImsImageView(
    string Id, string Name, string Arch, DateTimeOffset Created, string ManifestPath, string ManifestEtag,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>An S3 object: its bytes, and the ETag S3 reports (the MD5 of the bytes, unquoted here).</summary>
public sealed record S3Object(byte[] Body, string ETag, string ContentType, DateTimeOffset LastModified);

/// <summary>
/// IMS image records and the S3 objects behind them (bucket boot-images, key &lt;id&gt;/...): a manifest.json whose
/// artifacts (kernel, initrd, rootfs, optional boot_parameters) carry the same etags S3 reports for the objects.
/// </summary>
public sealed class ImageCatalog
{
    public const string Bucket = "boot-images";
    private readonly Lock _sync = new();
    private readonly Dictionary<string, ImsImage> _images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, S3Object> _objects = new(StringComparer.Ordinal);

    public ImageCatalog(IOptions<SimulatorOptions> options, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var images = options.Value.Images.Count > 0 ? options.Value.Images : ImageOptions.Demo;
        foreach (var image in images) Publish(image, now);
    }

    public IReadOnlyList<ImsImageView> Images()
    {
        lock (_sync) return _images.Values.OrderBy(i => i.Created).ThenBy(i => i.Id, StringComparer.Ordinal).Select(View).ToList();
    }

    public ImsImageView? Image(string id)
    {
        lock (_sync) return _images.TryGetValue(id, out var image) ? View(image) : null;
    }

    /// <summary>Applies an IMS metadata operation ("set" or "remove"); false for an unknown operation.</summary>
    public bool UpdateMetadata(string id, string operation, string key, string? value)
    {
        lock (_sync)
        {
            if (!_images.TryGetValue(id, out var image)) return false;
            switch (operation)
            {
                case "set": image.Metadata[key] = value ?? ""; return true;
                case "remove": image.Metadata.Remove(key); return true;
                default: return false;
            }
        }
    }

    public void UpdateArch(string id, string arch)
    {
        lock (_sync)
        {
            if (_images.TryGetValue(id, out var image)) image.Arch = arch;
        }
    }

    private static ImsImageView View(ImsImage i) =>
        new(i.Id, i.Name, i.Arch, i.Created, i.ManifestPath, i.ManifestEtag, new Dictionary<string, string>(i.Metadata));

    public S3Object? Object(string bucket, string key)
    {
        lock (_sync) return _objects.GetValueOrDefault($"{bucket}/{key}");
    }

    public bool BucketExists(string bucket)
    {
        lock (_sync) return _objects.Keys.Any(k => k.StartsWith(bucket + "/", StringComparison.Ordinal));
    }

    public S3Object PutObject(string bucket, string key, byte[] body, string contentType, DateTimeOffset at)
    {
        var obj = new S3Object(body, Convert.ToHexStringLower(MD5.HashData(body)), contentType, at);
        lock (_sync) _objects[$"{bucket}/{key}"] = obj;
        return obj;
    }

    public bool DeleteObject(string bucket, string key)
    {
        lock (_sync) return _objects.Remove($"{bucket}/{key}");
    }

    private void Publish(ImageOptions image, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(image.Id)) throw new InvalidOperationException("Simulator:Images entries need an Id");
        var artifacts = new List<object>();
        void Artifact(string file, string type, byte[] body, string contentType)
        {
            var obj = PutObject(Bucket, $"{image.Id}/{file}", body, contentType, now);
            artifacts.Add(new
            {
                link = new { path = $"s3://{Bucket}/{image.Id}/{file}", etag = obj.ETag, type = "s3" },
                md5 = obj.ETag,
                type,
            });
        }

        var binary = "application/octet-stream";
        Artifact("rootfs", "application/vnd.cray.image.rootfs.squashfs", Synthetic("rootfs", image), binary);
        Artifact("kernel", "application/vnd.cray.image.kernel", Synthetic("kernel", image), binary);
        Artifact("initrd", "application/vnd.cray.image.initrd", Synthetic("initrd", image), binary);
        if (image.BootParameters is not null)
            Artifact("boot_parameters", "application/vnd.cray.image.parameters.boot", Encoding.UTF8.GetBytes(image.BootParameters), "text/plain");

        var manifest = JsonSerializer.SerializeToUtf8Bytes(
            new { version = "1.0", created = now.ToString("yyyy-MM-dd HH:mm:ss"), artifacts },
            new JsonSerializerOptions { WriteIndented = true });
        var stored = PutObject(Bucket, $"{image.Id}/manifest.json", manifest, "application/json", now);
        _images[image.Id] = new ImsImage(image.Id, image.Name, image.Arch, now, $"s3://{Bucket}/{image.Id}/manifest.json", stored.ETag);
    }

    /// <summary>Small deterministic stand-in bytes, different per artifact and image.</summary>
    private static byte[] Synthetic(string artifact, ImageOptions image) =>
        Encoding.UTF8.GetBytes($"simulated {artifact} of image {image.Name} ({image.Id}, {image.Arch})\n");
}
