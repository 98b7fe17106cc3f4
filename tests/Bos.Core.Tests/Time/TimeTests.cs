using Bos.Core.Time;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Time;

public sealed class TimeTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("45m", 45)]
    [InlineData("6h", 360)]
    [InlineData("1d", 1440)]
    [InlineData("2W", 20160)]
    public void Age_strings_sum_their_units_in_minutes(string text, int minutes) =>
        AgeString.Parse(text).Should().Be(TimeSpan.FromMinutes(minutes));

    [Fact]
    public void Timestamps_are_rfc3339_utc_and_naive_upstream_times_read_as_utc()
    {
        Timestamps.Format(new DateTimeOffset(2026, 2, 6, 19, 49, 48, TimeSpan.FromHours(1))).Should().Be("2026-02-06T18:49:48Z");
        Timestamps.TryParse("2026-02-06T19:49:48", out var naive).Should().BeTrue();
        naive.Should().Be(new DateTimeOffset(2026, 2, 6, 19, 49, 48, TimeSpan.Zero));
        Timestamps.TryParse("", out _).Should().BeFalse();
    }
}
