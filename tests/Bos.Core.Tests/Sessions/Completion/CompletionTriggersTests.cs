using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Sessions.Completion;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions.Completion;

/// <summary>Which events schedule a completion check.</summary>
public sealed class CompletionTriggersTests
{
    private static ComponentInputChange Change(Component component, params string[] fields) => ComponentInputSummary.Of(new ComponentChanged
    {
        ComponentId = component.Id!, ChangedFields = fields, Component = component, ChangedAt = DateTimeOffset.UtcNow, InputChanged = true,
    });

    [Theory]
    [InlineData(false, "s1", new[] { "enabled" }, true)]           // a session's component settled
    [InlineData(false, "", new[] { "enabled" }, false)]            // disabled, but of no session
    [InlineData(true, "s1", new[] { "enabled" }, false)]           // enabled: keeps its session running
    [InlineData(true, "s2", new[] { "session" }, true)]            // taken over: its old session may be done
    [InlineData(false, "", new[] { "staged_state" }, true)]        // unstaged (or restaged)
    [InlineData(true, "s1", new[] { "status", "last_action" }, false)]
    [InlineData(true, "s1", new[] { "actual_state" }, false)]
    public void Component_changes(bool enabled, string session, string[] fields, bool expected) =>
        CompletionTriggers.MayComplete(Change(new Component { Id = "x1", Enabled = enabled, Session = session }, fields)).Should().Be(expected);

    [Fact]
    public void A_disabling_change_from_an_earlier_build_without_enabled_and_session_may_complete_a_session() =>
        CompletionTriggers.MayComplete(new ComponentInputChange { ComponentId = "x1", ChangedFields = ["enabled"], ChangedAt = DateTimeOffset.UtcNow })
            .Should().BeTrue();

    [Theory]
    [InlineData(SessionStatusLabels.Running, true)]
    [InlineData(SessionStatusLabels.Pending, false)]
    [InlineData(SessionStatusLabels.Complete, false)]
    public void Session_updates(string status, bool expected) =>
        CompletionTriggers.MayComplete(new SessionUpdated
        {
            SessionName = "s1", Session = new Session { Name = "s1", Status = new SessionStatus { Status = status } }, UpdatedAt = DateTimeOffset.UtcNow,
        }).Should().Be(expected);
}
