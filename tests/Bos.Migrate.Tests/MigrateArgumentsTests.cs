using FluentAssertions;
using Xunit;

namespace Bos.Migrate.Tests;

public sealed class MigrateArgumentsTests
{
    [Fact]
    public void No_argument_repairs_bos_data_for_real() =>
        MigrateArguments.Parse([]).Settings.Should().Be(new MigrationSettings());

    [Fact]
    public void Dry_run_upstream_and_settings_are_read() =>
        MigrateArguments.Parse(["--dry-run", "--from-upstream", "redis://db:6380", "--Redis:KeyPrefix=x:"]).Should()
            .BeEquivalentTo((new MigrationSettings { DryRun = true, FromUpstream = "redis://db:6380" }, new[] { "--Redis:KeyPrefix=x:" }));

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--from-upstream")]
    [InlineData("--from-upstream", "http://db:6379")]
    [InlineData("--from-upstream=redis://db:6379/3")]
    public void Anything_else_is_a_usage_error(params string[] args) =>
        FluentActions.Invoking(() => MigrateArguments.Parse(args)).Should().Throw<ArgumentException>();

    [Fact]
    public async Task Bad_arguments_exit_64() => (await Program.Main(["--bogus"])).Should().Be(ExitCodes.Usage);
}
