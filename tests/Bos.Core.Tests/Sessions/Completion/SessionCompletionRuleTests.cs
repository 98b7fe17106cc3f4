using Bos.Contracts.Resources;
using Bos.Core.Sessions.Completion;
using FluentAssertions;
using Xunit;

namespace Bos.Core.Tests.Sessions.Completion;

/// <summary>OP-60 / MT-09: a running session completes when no enabled or staged component names it.</summary>
public sealed class SessionCompletionRuleTests
{
    private static readonly Session S1 = new() { Name = "s1" };
    private static readonly Session TenantS1 = new() { Name = "s1", Tenant = "t" };

    private static Component C(string id, string? session = null, bool enabled = true, string? staged = null) => new()
    {
        Id = id, Session = session, Enabled = enabled, StagedState = staged is null ? null : new StagedState { Session = staged },
    };

    [Fact]
    public void An_enabled_component_of_the_session_keeps_it_running() =>
        SessionCompletionRule.Of([C("x1", "s1"), C("x2", "s1", enabled: false)]).IsComplete(S1, null).Should().BeFalse();

    [Fact]
    public void Disabled_components_or_components_of_other_sessions_do_not() =>
        SessionCompletionRule.Of([C("x1", "s1", enabled: false), C("x2", "s2"), C("x3", "s10")]).IsComplete(S1, null).Should().BeTrue();

    [Fact]
    public void No_components_at_all_means_complete() => SessionCompletionRule.Of([]).IsComplete(S1, null).Should().BeTrue();

    [Fact]
    public void A_component_staged_for_the_session_keeps_it_running_even_disabled() =>  // Q-07 kept
        SessionCompletionRule.Of([C("x1", "other", enabled: false, staged: "s1")]).IsComplete(S1, null).Should().BeFalse();

    [Fact]
    public void An_applied_staged_component_still_naming_the_session_keeps_it_running() =>  // clear_stage=false
        SessionCompletionRule.Of([C("x1", "s1", enabled: false, staged: "s1")]).IsComplete(S1, null).Should().BeFalse();

    [Fact]
    public void Tenant_sessions_count_only_the_tenants_components()
    {
        var rule = SessionCompletionRule.Of([C("x1", "s1"), C("x2", "other", staged: "s1")]);
        rule.IsComplete(TenantS1, new HashSet<string> { "x3" }).Should().BeTrue();
        rule.IsComplete(TenantS1, new HashSet<string> { "x2" }).Should().BeFalse();
        rule.IsComplete(TenantS1, new HashSet<string>()).Should().BeTrue();   // a tenant that no longer exists
        rule.KeepingAlive("s1").Should().BeEquivalentTo(["x1", "x2"]);
    }

    [Fact]
    public void Adding_a_component_tells_which_sessions_it_keeps_running()
    {
        var rule = SessionCompletionRule.Empty();
        rule.Add(C("x1", "s1", enabled: false)).Should().BeEmpty();
        rule.IsComplete(S1, null).Should().BeTrue();
        rule.Add(C("x2", "s1", staged: "s2")).Should().Equal("s1", "s2");
        rule.Add(C("x3", "s1", staged: "s1")).Should().Equal("s1");
        rule.IsComplete(S1, null).Should().BeFalse();
        rule.KeepingAlive("s1").Should().BeEquivalentTo(["x2", "x3"]);
    }
}
