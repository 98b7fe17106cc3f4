using Bos.Core.Sessions.Setup;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions.Setup;

/// <summary>Q-11: one unknown architecture, whether HSM says "UNKNOWN", "Unknown" (upstream's default) or nothing.</summary>
public sealed class ArchMatchTests
{
    [Theory]
    [InlineData(null, "X86", true)]
    [InlineData(null, "UNKNOWN", true)]
    [InlineData(null, "Unknown", true)]
    [InlineData(null, null, true)]
    [InlineData(null, "", true)]
    [InlineData(null, "ARM", false)]
    [InlineData("X86", "X86", true)]
    [InlineData("X86", "UNKNOWN", true)]
    [InlineData("X86", null, true)]
    [InlineData("X86", "Other", false)]
    [InlineData("ARM", "ARM", true)]
    [InlineData("ARM", "UNKNOWN", false)]
    [InlineData("ARM", null, false)]
    [InlineData("ARM", "X86", false)]
    [InlineData("Other", "Other", true)]
    [InlineData("Other", "UNKNOWN", false)]
    [InlineData("Unknown", "UNKNOWN", true)]
    [InlineData("Unknown", "Unknown", true)]
    [InlineData("Unknown", null, true)]
    [InlineData("Unknown", "X86", false)]
    public void Accepts(string? bootSetArch, string? hsmArch, bool expected) =>
        ArchMatch.Accepts(bootSetArch, hsmArch).Should().Be(expected);
}
