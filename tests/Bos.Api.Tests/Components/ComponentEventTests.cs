using Bos.Contracts.Events;
using Bos.Testing;
using FluentAssertions;
using Xunit;

namespace Bos.Api.Tests.Components;

/// <summary>Every committed input change of a component is published to RabbitMQ through the outbox.</summary>
[NeedsServices]
public sealed class ComponentEventTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Put_patch_and_delete_publish_changed_and_deleted_events()
    {
        _ = factory.Services;
        await using var changed = await EventProbe.ListenAsync<ComponentsChanged>(factory.VirtualHost);
        await using var deleted = await EventProbe.ListenAsync<ComponentDeleted>(factory.VirtualHost);
        var client = factory.CreateClient();

        await client.PutJson("/v2/components/ev1", """{"enabled":false}""");
        await client.PatchJson("/v2/components/ev1", """{"desired_state":{"configuration":"c"}}""");
        await client.DeleteAsync("/v2/components/ev1");

        var created = await changed.WaitForItem("changes", m => m.GetProperty("componentId").GetString() == "ev1"
            && m.GetProperty("changedFields").EnumerateArray().Any(f => f.GetString() == "created"));
        created.GetProperty("enabled").GetBoolean().Should().BeFalse();
        var desired = await changed.WaitForItem("changes", m => m.GetProperty("componentId").GetString() == "ev1"
            && m.GetProperty("changedFields").EnumerateArray().Any(f => f.GetString() == "desired_state"));
        desired.GetProperty("fingerprint").GetString().Should().NotBe(created.GetProperty("fingerprint").GetString(), "the desired configuration drives the engine");
        await deleted.WaitFor(m => m.GetProperty("componentId").GetString() == "ev1");
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_publishes_nothing()
    {
        _ = factory.Services;
        await using var changed = await EventProbe.ListenAsync<ComponentsChanged>(factory.VirtualHost);
        var client = factory.CreateClient();
        await client.PutJson("/v2/components/ev2", """{"error":"same"}""");
        await changed.WaitForItem("changes", m => m.GetProperty("componentId").GetString() == "ev2");

        await client.PatchJson("/v2/components/ev2", """{"error":"same"}""");
        await client.PutJson("/v2/components/ev3", """{"error":"marker"}""");
        await changed.WaitForItem("changes", m => m.GetProperty("componentId").GetString() == "ev3");

        changed.Items("changes").Count(m => m.GetProperty("componentId").GetString() == "ev2").Should().Be(1);
    }

    [Fact]
    public async Task Only_input_changes_reach_the_internal_bus_bookkeeping_changes_do_not()
    {
        _ = factory.Services;
        await using var changed = await EventProbe.ListenAsync<ComponentsChanged>(factory.VirtualHost);
        var client = factory.CreateClient();

        await client.PutJson("/v2/components/ev4", """{"enabled":false}""");
        await client.PatchJson("/v2/components/ev4", """{"error":"bookkeeping","status":{"phase":"powering_on"}}""");
        await client.PatchJson("/v2/components/ev4", """{"desired_state":{"configuration":"input"}}""");
        await changed.WaitForItem("changes", m => m.GetProperty("componentId").GetString() == "ev4"
            && m.GetProperty("changedFields").EnumerateArray().Any(f => f.GetString() == "desired_state"));

        var ev4 = changed.Items("changes").Where(m => m.GetProperty("componentId").GetString() == "ev4").ToList();
        ev4.Select(m => m.GetProperty("changedFields").EnumerateArray().Select(f => f.GetString()).First()).Should().Equal("created", "desired_state");
    }

    [Fact]
    public async Task An_internal_change_carries_what_the_engine_decides_on_not_the_record()
    {
        _ = factory.Services;
        await using var changed = await EventProbe.ListenAsync<ComponentsChanged>(factory.VirtualHost);
        var client = factory.CreateClient();

        await client.PutJson("/v2/components/ev5", """{"enabled":true,"session":"s5","last_action":{"action":"session_setup"}}""");

        var item = await changed.WaitForItem("changes", m => m.GetProperty("componentId").GetString() == "ev5");
        item.TryGetProperty("component", out _).Should().BeFalse();
        item.GetProperty("enabled").GetBoolean().Should().BeTrue();
        item.GetProperty("session").GetString().Should().Be("s5");
        item.GetProperty("fingerprint").GetString().Should().NotBeNullOrEmpty();
        item.GetProperty("externalAction").GetString().Should().StartWith("session_setup@");
    }

    [Fact]
    public async Task A_bulk_write_is_published_as_few_messages_not_one_per_component()
    {
        _ = factory.Services;
        await using var changed = await EventProbe.ListenAsync<ComponentsChanged>(factory.VirtualHost);
        var client = factory.CreateClient();
        var bulk = string.Join(',', Enumerable.Range(0, 200).Select(i => $$"""{"id":"bulk{{i}}","enabled":false}"""));

        (await client.PutJson("/v2/components", $"[{bulk}]")).EnsureSuccessStatusCode();
        await changed.WaitForItem("changes", m => m.GetProperty("componentId").GetString() == "bulk199");
        await Eventually.Until(() => Task.FromResult(changed.Items("changes").Count(m => m.GetProperty("componentId").GetString()!.StartsWith("bulk"))),
            n => n == 200, "all 200 changes published");

        changed.Messages.Count.Should().BeLessThan(10, "the relay packs what is waiting into one message");
    }
}
