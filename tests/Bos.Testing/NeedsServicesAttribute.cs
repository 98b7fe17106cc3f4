using Xunit.Abstractions;
using Xunit.Sdk;

namespace Bos.Testing;

/// <summary>
/// Marks a test class (or test) that needs the real Redis and RabbitMQ of <c>scripts/services</c>: it gets the trait
/// <c>Category=Services</c>, so <c>scripts/test --fast</c> leaves it out (<c>--filter Category!=Services</c>).
/// </summary>
[TraitDiscoverer("Bos.Testing.NeedsServicesDiscoverer", "Bos.Testing")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class NeedsServicesAttribute : Attribute, ITraitAttribute
{
    public const string Category = "Services";
}

/// <summary>Gives <see cref="NeedsServicesAttribute"/> its trait.</summary>
public sealed class NeedsServicesDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new KeyValuePair<string, string>("Category", NeedsServicesAttribute.Category);
    }
}
