using System.Security.Cryptography;
using System.Text;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>
/// The fingerprint of a component's driving fields: the same value in every build, since a change relayed by one
/// process's build is compared with what another's engine remembered.
/// </summary>
public sealed class ComponentInputSummaryTests
{
    // The definition the fingerprint has had since it was introduced: the fields' text joined, hashed, 12 bytes in base64.
    private static string Defined(Component c)
    {
        static string Artifacts(BootArtifacts? a) => $"{a?.Kernel}\u001e{a?.KernelParameters}\u001e{a?.Initrd}";
        var text = string.Join('\u001f',
            c.Enabled == true ? "1" : "0",
            c.Status?.StatusOverride ?? "",
            Artifacts(c.DesiredState?.BootArtifacts),
            c.DesiredState?.Configuration ?? "",
            Artifacts(c.ActualState?.BootArtifacts),
            c.ActualState?.BssToken ?? "",
            c.RetryPolicy?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }

    public static TheoryData<string, Component> Components => new()
    {
        { "empty", new Component { Id = "x1" } },
        { "enabled on hold with a retry policy", new Component { Id = "x1", Enabled = true, RetryPolicy = 3, Status = new ComponentStatus { StatusOverride = "on_hold" } } },
        { "negative retry policy", new Component { Id = "x1", RetryPolicy = -2147483648 } },
        {
            "desired and actual artifacts, token, configuration", new Component
            {
                Id = "x1", Enabled = false,
                DesiredState = new DesiredState
                {
                    BootArtifacts = new BootArtifacts { Kernel = "s3://b/k", KernelParameters = "console=ttyS0 " + new string('p', 5000), Initrd = "s3://b/i" },
                    Configuration = "cfg-ü-日本",
                },
                ActualState = new ActualState { BootArtifacts = new BootArtifacts { Kernel = "s3://b/k2" }, BssToken = "tok" },
            }
        },
        { "only a kernel parameter with non-ASCII text", new Component { Id = "x1", DesiredState = new DesiredState { BootArtifacts = new BootArtifacts { KernelParameters = "é\u001e😀" } } } },
    };

    [Theory]
    [MemberData(nameof(Components))]
    public void The_fingerprint_is_the_hash_of_the_joined_driving_fields_as_it_always_was(string _, Component component) =>
        ComponentInputSummary.Fingerprint(component).Should().Be(Defined(component));

    [Fact]
    public void Fields_that_do_not_drive_the_engine_leave_the_fingerprint_as_it_is()
    {
        var c = new Component { Id = "x1", Enabled = true, DesiredState = new DesiredState { Configuration = "c" } };

        ComponentInputSummary.Fingerprint(c with { Error = "e", EventStats = new EventStats { PowerOnAttempts = 2 }, Status = new ComponentStatus { Phase = "powering_on" } })
            .Should().Be(ComponentInputSummary.Fingerprint(c));
        ComponentInputSummary.Fingerprint(c with { DesiredState = new DesiredState { Configuration = "d" } })
            .Should().NotBe(ComponentInputSummary.Fingerprint(c));
    }
}
