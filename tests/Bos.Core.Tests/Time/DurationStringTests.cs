using Bos.Core.Time;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Time;

/// <summary>Q-10: component_actual_state_ttl units are read case-insensitively.</summary>
public sealed class DurationStringTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("4h", 14400)]
    [InlineData("4H", 14400)]
    [InlineData("2d", 172800)]
    [InlineData("2D", 172800)]
    [InlineData("1w", 604800)]
    [InlineData("1W", 604800)]
    [InlineData(" 1h ", 3600)]
    public void Parses(string text, int seconds)
    {
        DurationString.TryParse(text, out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("h")]
    [InlineData("4")]
    [InlineData("4y")]
    [InlineData("-4h")]
    [InlineData("4h2m")]
    [InlineData("4.5h")]
    public void Rejects(string? text) => DurationString.TryParse(text, out _).Should().BeFalse();

    [Fact]
    public void Huge_values_are_as_good_as_forever()
    {
        DurationString.TryParse("99999999999999999w", out var duration).Should().BeTrue();
        duration.Should().Be(TimeSpan.MaxValue);
    }

    [Theory]
    [InlineData("4H", "4h")]
    [InlineData("4h", "4h")]
    [InlineData("bogus", "bogus")]
    public void Canonical_form_has_a_lower_case_unit(string text, string expected) => DurationString.Canonical(text).Should().Be(expected);
}
