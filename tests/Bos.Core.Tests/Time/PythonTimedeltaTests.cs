using Bos.Core.Time;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Time;

/// <summary>DM-70 duration: Python's str(timedelta).</summary>
public sealed class PythonTimedeltaTests
{
    [Theory]
    [InlineData(0, 0, 0, 0, 0, "0:00:00")]
    [InlineData(0, 0, 12, 34, 0, "0:12:34")]
    [InlineData(0, 10, 2, 3, 0, "10:02:03")]
    [InlineData(1, 2, 3, 4, 0, "1 day, 2:03:04")]
    [InlineData(3, 0, 0, 1, 0, "3 days, 0:00:01")]
    [InlineData(0, 0, 0, 1, 500, "0:00:01.500000")]
    public void Formats_like_python(int days, int hours, int minutes, int seconds, int milliseconds, string expected) =>
        PythonTimedelta.Format(new TimeSpan(days, hours, minutes, seconds, milliseconds)).Should().Be(expected);

    [Fact]
    public void Negative_spans_floor_the_days_like_python() =>
        PythonTimedelta.Format(TimeSpan.FromSeconds(-1)).Should().Be("-1 day, 23:59:59");

    [Fact]
    public void Microseconds_are_kept_and_sub_microsecond_ticks_dropped() =>
        PythonTimedelta.Format(TimeSpan.FromTicks(12_345_678)).Should().Be("0:00:01.234567");
}
