using System.Security.Cryptography;
using System.Text;
using Bos.Core.Integration;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Integration;

/// <summary>Event ids are derived from what an event was made of, the same in every build (consumers de-duplicate by them).</summary>
public sealed class PublicEventIdTests
{
    [Theory]
    [InlineData("")]
    [InlineData("{\"type\":\"Bos.Contracts.Events.ComponentChanged\",\"payload\":{}}")]
    [InlineData("non-ASCII: é 日本 😀")]
    public void An_id_is_the_first_half_of_the_SHA256_of_the_text_in_lower_case_hex(string text) =>
        PublicEvent.IdOf(text).Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32]);

    [Fact]
    public void A_large_entry_is_hashed_whole()
    {
        var text = new string('x', 200_000) + "end";

        PublicEvent.IdOf(text).Should().Be(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32])
            .And.NotBe(PublicEvent.IdOf(new string('x', 200_000)));
    }
}
