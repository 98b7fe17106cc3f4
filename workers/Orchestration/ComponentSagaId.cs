using System.Security.Cryptography;
using System.Text;

namespace Bos.Workers.Orchestration;

/// <summary>
/// The saga id of a component: a name-based (RFC 4122 version 5 style) Guid of the component id, so every message
/// about a component finds the same saga on any replica without a lookup.
/// </summary>
public static class ComponentSagaId
{
    private static readonly byte[] Namespace = Guid.Parse("6f1c1d3e-8c55-4b7a-9d0e-2b4c8f1a7e21").ToByteArray(bigEndian: true);

    public static Guid For(string componentId)
    {
        var name = Encoding.UTF8.GetBytes(componentId);
        var input = new byte[Namespace.Length + name.Length];
        Namespace.CopyTo(input, 0);
        name.CopyTo(input, Namespace.Length);
        var hash = SHA1.HashData(input);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }
}
