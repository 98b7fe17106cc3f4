using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Components;

/// <summary>Which changes are announced through the outbox: those the engine or other services act on.</summary>
public sealed class ComponentChangesTests
{
    public static TheoryData<string, bool, string?, string?, string, string, bool> Changes => new()
    {
        // what, input changed, previous phase, previous status, phase after, status after, announced
        { "a new target (input)", true, Phases.PoweringOn, Statuses.PowerOnCalled, Phases.PoweringOn, Statuses.PowerOnCalled, true },
        { "created", true, null, null, "", Statuses.Stable, true },
        { "the phase", false, Phases.PoweringOff, Statuses.PowerOffGracefullyCalled, Phases.PoweringOn, Statuses.PowerOnPending, true },
        { "became failed", false, Phases.PoweringOn, Statuses.PowerOnCalled, Phases.PoweringOn, Statuses.Failed, true },
        { "became stable", false, Phases.Configuring, Statuses.Configuring, Phases.Configuring, Statuses.Stable, true },
        { "a power-on's outcome", false, Phases.PoweringOn, Statuses.PowerOnPending, Phases.PoweringOn, Statuses.PowerOnCalled, false },
        { "an error alone", false, Phases.PoweringOn, Statuses.PowerOnCalled, Phases.PoweringOn, Statuses.PowerOnCalled, false },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_is_announced_when_it_is_an_input_change_or_a_public_transition(
        string what, bool inputChanged, string? previousPhase, string? previousStatus, string phase, string status, bool announced)
    {
        var change = new ComponentChanged
        {
            ComponentId = "x1", ChangedFields = [], ChangedAt = DateTimeOffset.UnixEpoch, InputChanged = inputChanged,
            PreviousPhase = previousPhase, PreviousStatus = previousStatus, Facts = new ComponentFacts { Phase = phase, Status = status },
        };

        ComponentChanges.Announced(change).Should().Be(announced, what);
    }
}
