using Bos.Contracts.Resources;
using Bos.Core.Clients;
using Bos.Core.Sessions.Setup;

namespace Bos.Core.Tests.Sessions.Setup;

/// <summary>A small HSM inventory and manifests for the session setup rules.</summary>
internal static class SetupTestData
{
    // x1-x4 compute (x3, x4 are "gpu"), x5-x6 UAN (Application/UAN), x7 Management/Master, x8 only a SubRole.
    public static readonly HsmComponent[] Components =
    [
        Node("x1", "Compute"), Node("x2", "Compute"), Node("x3", "Compute"), Node("x4", "Compute"),
        Node("x5", "Application", "UAN"), Node("x6", "Application", "UAN"),
        Node("x7", "Management", "Master"), new() { Id = "x8", Type = "Node", SubRole = "Orphan" },
    ];

    public static readonly NodeInventory Inventory = NodeInventory.From(
        [new HsmGroup("gpu", null, new HsmMembers(["x3", "x4"])), new HsmGroup("blue", null, new HsmMembers(["x1", "x2", "x5"]))],
        [new HsmPartition("p1", null, new HsmMembers(["x2", "x4", "x6"]))],
        Components);

    /// <summary>HSM knows x1-x8 (x4 is ARM, x6 "UNKNOWN", x8 without Arch), x9 is not in HSM; x2 is disabled.</summary>
    public static HsmNodeView Hsm(bool includeDisabled = false) => new(
        new Dictionary<string, string?>
        {
            ["x1"] = "X86", ["x2"] = "X86", ["x3"] = "X86", ["x4"] = "ARM", ["x5"] = "X86", ["x6"] = "UNKNOWN", ["x7"] = "X86", ["x8"] = null,
        },
        includeDisabled ? null : new HashSet<string> { "x1", "x3", "x4", "x5", "x6", "x7", "x8" });

    public static HsmComponent Node(string id, string role, string? subRole = null) => new() { Id = id, Type = "Node", Role = role, SubRole = subRole };

    public static ImageManifest Manifest(string image = "img1", bool rootfs = true, string? bootParametersEtag = null, string? rootfsEtag = "rootfs-etag")
    {
        var artifacts = new List<ManifestArtifact>
        {
            Artifact(ImageManifest.KernelType, $"s3://boot-images/{image}/kernel", "kernel-etag"),
            Artifact(ImageManifest.InitrdType, $"s3://boot-images/{image}/initrd", "initrd-etag"),
        };
        if (rootfs) artifacts.Add(Artifact(ImageManifest.RootfsType, $"s3://boot-images/{image}/rootfs", rootfsEtag));
        artifacts.Add(Artifact(ImageManifest.BootParametersType, $"s3://boot-images/{image}/boot_parameters", bootParametersEtag));
        return new ImageManifest { Version = "1.0", Artifacts = artifacts };
    }

    public static ManifestArtifact Artifact(string type, string path, string? etag) => new(type, new ManifestLink(path, etag, "s3"), etag);

    public static Session Session(string operation = SessionOperations.Boot, bool stage = false, string name = "s1") => new()
    {
        Name = name, Operation = operation, Stage = stage, TemplateName = "t1", Limit = "",
        Status = new SessionStatus { Status = SessionStatusLabels.Pending },
    };
}
