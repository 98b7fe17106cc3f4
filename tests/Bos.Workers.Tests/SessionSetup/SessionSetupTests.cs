using System.Text.Json;
using Bos.Contracts.Events;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Json;
using Bos.Core.Redis;
using Bos.Core.Sessions;
using Bos.Core.Sessions.Setup;
using Bos.Core.Tenancy;
using Bos.Testing;
using FluentAssertions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Bos.Workers.Tests.SessionOperatorsFactory;

namespace Bos.Workers.Tests.SessionSetup;

/// <summary>OP-50 end to end: a session created in Redis → SessionCreated through RabbitMQ → the worker resolves nodes against the simulator's HSM, reads the image from its S3 and writes components.</summary>
[NeedsServices]
public sealed class SessionSetupTests(SessionSetupFactory factory) : IClassFixture<SessionSetupFactory>
{
    private async Task<string> ExpectedKernelParameters(string image, string bootSetParameters)
    {
        using var http = new HttpClient { BaseAddress = factory.Simulator.BaseAddress };
        using var manifest = JsonDocument.Parse(await http.GetStringAsync($"s3/boot-images/{image}/manifest.json"));
        var rootfs = manifest.RootElement.GetProperty("artifacts").EnumerateArray()
            .Single(a => a.GetProperty("type").GetString() == "application/vnd.cray.image.rootfs.squashfs").GetProperty("link");
        var (path, etag) = (rootfs.GetProperty("path").GetString(), rootfs.GetProperty("etag").GetString());
        return $"console=ttyS0,115200 ip=dhcp quiet {bootSetParameters} " +
               $"root=sbps-s3:{path}:{etag}:sbps:v1:iqn.2023-06.csm.iscsi:_sbps-hsn._tcp.sim:300 nmd_data=url={path},etag={etag} bos_update_frequency=4h";
    }

    private async Task<Component> ComponentAsync(int ordinal) => (await factory.Components.GetAsync(Node(ordinal)))!;

    [Fact]
    public async Task A_boot_session_sets_the_desired_state_of_its_nodes_and_runs()
    {
        await factory.PutTemplateAsync("boot-blue", new Dictionary<string, BootSet> { ["compute"] = BootSet(groups: ["blue"]) });
        await factory.CreateSessionAsync("boot-blue-1", "boot-blue");

        var session = await factory.WaitForSessionAsync("boot-blue-1", SessionStatusLabels.Running);
        session.Components.Should().Be(string.Join(',', Enumerable.Range(1, 8).Select(Node).Order(StringComparer.Ordinal)));
        session.Status!.Error.Should().BeNull();

        var expected = await ExpectedKernelParameters(X86Image, "console=ttyS0");
        foreach (var ordinal in Enumerable.Range(1, 8))
        {
            var component = await ComponentAsync(ordinal);
            component.DesiredState!.BootArtifacts.Should().Be(new BootArtifacts
            {
                Kernel = $"s3://boot-images/{X86Image}/kernel", Initrd = $"s3://boot-images/{X86Image}/initrd", KernelParameters = expected,
            });
            component.DesiredState.Configuration.Should().Be("compute-config");
            component.Session.Should().Be("boot-blue-1");
            component.Enabled.Should().BeTrue();
            component.Error.Should().Be("");
            component.LastAction!.Action.Should().Be(Actions.SessionSetup);
            component.Status!.StatusOverride.Should().Be(Statuses.OnHold, "the API's auto-field holds newly enabled components");
        }
        (await ComponentAsync(9)).Session.Should().NotBe("boot-blue-1");
    }

    [Fact]
    public async Task Locked_disabled_and_other_architecture_nodes_are_left_out_unless_disabled_ones_are_included()
    {
        await factory.PutTemplateAsync("green-x86", new Dictionary<string, BootSet> { ["compute"] = BootSet(groups: ["green"]) });
        await factory.CreateSessionAsync("green-x86-1", "green-x86", limit: "*,!x3000c0s10b0n0");
        (await factory.WaitForSessionAsync("green-x86-1", SessionStatusLabels.Running)).Components
            .Should().Be("x3000c0s15b0n0,x3000c0s16b0n0,x3000c0s9b0n0");   // 10 limited out, 11 locked, 12 disabled, 13-14 ARM

        await factory.CreateSessionAsync("green-x86-2", "green-x86", includeDisabled: true);
        (await factory.WaitForSessionAsync("green-x86-2", SessionStatusLabels.Running)).Components
            .Should().Be("x3000c0s10b0n0,x3000c0s12b0n0,x3000c0s15b0n0,x3000c0s16b0n0,x3000c0s9b0n0");

        await factory.PutTemplateAsync("green-arm", new Dictionary<string, BootSet> { ["arm"] = BootSet(ArmImage, "ARM", groups: ["green"]) });
        await factory.CreateSessionAsync("green-arm-1", "green-arm");
        (await factory.WaitForSessionAsync("green-arm-1", SessionStatusLabels.Running)).Components.Should().Be("x3000c0s13b0n0,x3000c0s14b0n0");
        (await ComponentAsync(13)).DesiredState!.BootArtifacts!.Kernel.Should().Be($"s3://boot-images/{ArmImage}/kernel");
    }

    [Fact]
    public async Task A_reboot_empties_the_actual_state_and_a_role_subrole_and_limit_select_nodes()
    {
        await factory.Writer.PatchAsync([new Component { Id = Node(15), ActualState = new ActualState { BootArtifacts = new BootArtifacts { Kernel = "old" } } }]);
        await factory.PutTemplateAsync("uan", new Dictionary<string, BootSet> { ["uan"] = BootSet(roles: ["Application_UAN"], parameters: null) },
            enableCfs: false);
        await factory.CreateSessionAsync("uan-reboot", "uan", SessionOperations.Reboot, limit: "Application,&x3000c0s15b0n0");

        (await factory.WaitForSessionAsync("uan-reboot", SessionStatusLabels.Running)).Components.Should().Be(Node(15));
        var component = await ComponentAsync(15);
        component.ActualState!.BootArtifacts.Should().Be(BootArtifacts.Empty);
        component.DesiredState!.Configuration.Should().Be("", "enable_cfs is false");
        component.DesiredState.BootArtifacts!.KernelParameters.Should().StartWith("console=ttyS0,115200 ip=dhcp quiet root=sbps-s3:");
    }

    [Fact]
    public async Task A_staged_session_writes_only_the_staged_state_with_its_name_also_for_a_shutdown()
    {
        var before = await ComponentAsync(3);
        await factory.PutTemplateAsync("staged", new Dictionary<string, BootSet> { ["compute"] = BootSet(nodes: [Node(3)]) });
        await factory.CreateSessionAsync("staged-boot", "staged", stage: true);
        await factory.WaitForSessionAsync("staged-boot", SessionStatusLabels.Running);

        var staged = await ComponentAsync(3);
        staged.StagedState!.Session.Should().Be("staged-boot");
        staged.StagedState.BootArtifacts!.Kernel.Should().Be($"s3://boot-images/{X86Image}/kernel");
        staged.StagedState.Configuration.Should().Be("compute-config");
        staged.DesiredState.Should().Be(before.DesiredState);
        staged.Enabled.Should().Be(before.Enabled);
        staged.Session.Should().Be(before.Session);

        await factory.CreateSessionAsync("staged-off", "staged", SessionOperations.Shutdown, stage: true);
        await factory.WaitForSessionAsync("staged-off", SessionStatusLabels.Running);
        (await ComponentAsync(3)).StagedState.Should().BeEquivalentTo(
            new StagedState { BootArtifacts = BootArtifacts.Empty, Configuration = "", Session = "staged-off" },
            o => o.Excluding(s => s.LastUpdated), "Q-06 fixed: a staged shutdown names its session");
    }

    [Fact]
    public async Task A_shutdown_empties_the_desired_state()
    {
        await factory.PutTemplateAsync("off", new Dictionary<string, BootSet> { ["compute"] = BootSet(nodes: [Node(4)]) });
        await factory.CreateSessionAsync("off-1", "off", SessionOperations.Shutdown);
        await factory.WaitForSessionAsync("off-1", SessionStatusLabels.Running);
        var component = await ComponentAsync(4);
        component.DesiredState.Should().BeEquivalentTo(DesiredState.Empty, o => o.Excluding(d => d.LastUpdated));
        component.Session.Should().Be("off-1");
    }

    [Fact]
    public async Task A_tenant_session_acts_only_on_the_tenants_nodes()
    {
        await factory.PutTemplateAsync("tenant-blue", new Dictionary<string, BootSet> { ["compute"] = BootSet(groups: ["blue"]) }, Tenant);
        await factory.CreateSessionAsync("tenant-1", "tenant-blue", tenant: Tenant);
        (await factory.WaitForSessionAsync("tenant-1", SessionStatusLabels.Running, Tenant)).Components
            .Should().Be(string.Join(',', Enumerable.Range(1, 4).Select(Node)));

        await factory.PutTemplateAsync("tenant-foreign", new Dictionary<string, BootSet> { ["compute"] = BootSet(nodes: [Node(1), Node(5)]) }, Tenant);
        await factory.CreateSessionAsync("tenant-2", "tenant-foreign", tenant: Tenant);
        (await factory.WaitForSessionAsync("tenant-2", SessionStatusLabels.Complete, Tenant)).Status!.Error.Should().Be(
            "The session template includes nodes which do not exist or are not available to this tenant: {'x3000c0s5b0n0'}");
    }

    [Theory]
    [InlineData("nothing", "x3000c0s99b0n0", SessionSetupException.NoNodes)]
    [InlineData("locked-only", "x3000c0s11b0n0", SessionSetupException.NoNodes)]
    public async Task A_session_without_nodes_completes_with_an_error_and_a_saved_status(string name, string limit, string error)
    {
        await factory.PutTemplateAsync("fail-" + name, new Dictionary<string, BootSet> { ["compute"] = BootSet(groups: ["green"]) });
        await factory.CreateSessionAsync(name, "fail-" + name, limit: limit);
        var session = await factory.WaitForSessionAsync(name, SessionStatusLabels.Complete);
        session.Status!.Error.Should().Be(error);
        session.Status.EndTime.Should().NotBeNull();
        session.Components.Should().Be("");
        // The status is saved right after the transition.
        var saved = await Eventually.Until(() => factory.Sessions.GetSavedStatusAsync(name, null), s => s is not null, "saved status");
        saved!.Status.Should().Be(SessionStatusLabels.Complete);
        saved.ManagedComponentsCount.Should().Be(0);
    }

    [Fact]
    public async Task Nodes_that_are_not_bos_components_are_skipped()
    {
        await factory.Components.DeleteAsync(Node(16));
        try
        {
            await factory.PutTemplateAsync("absent", new Dictionary<string, BootSet> { ["compute"] = BootSet(nodes: [Node(16)]) });
            await factory.CreateSessionAsync("absent-1", "absent");
            (await factory.WaitForSessionAsync("absent-1", SessionStatusLabels.Complete)).Status!.Error.Should().Be(SessionSetupException.NoComponents);
        }
        finally
        {
            // Other tests of the class use node 16; discovery would take an hour to bring it back.
            await factory.Writer.PutAsync([DiscoveryRule.NewRecord(Node(16))]);
        }
    }

    [Fact]
    public async Task A_missing_template_or_image_fails_the_session()
    {
        await factory.CreateSessionAsync("no-template", "does-not-exist");
        (await factory.WaitForSessionAsync("no-template", SessionStatusLabels.Complete)).Status!.Error
            .Should().Be("SessionTemplateNotFound: Session template 'does-not-exist' does not exist");

        await factory.PutTemplateAsync("no-image", new Dictionary<string, BootSet> { ["compute"] = BootSet("no-such-image", nodes: [Node(5)]) });
        await factory.CreateSessionAsync("no-image-1", "no-image");
        (await factory.WaitForSessionAsync("no-image-1", SessionStatusLabels.Complete)).Status!.Error
            .Should().Be("ManifestNotFound: Unable to read manifest file 's3://boot-images/no-such-image/manifest.json'.");
    }

    [Fact]
    public async Task A_node_in_several_boot_sets_gets_the_last_boot_sets_state()
    {
        await factory.PutTemplateAsync("overlap", new Dictionary<string, BootSet>
        {
            ["first"] = BootSet(nodes: [Node(6), Node(7)], parameters: "first"),
            ["second"] = BootSet(nodes: [Node(7)], parameters: "second"),
        });
        await factory.CreateSessionAsync("overlap-1", "overlap");
        (await factory.WaitForSessionAsync("overlap-1", SessionStatusLabels.Running)).Components.Should().Be($"{Node(6)},{Node(7)}");
        (await ComponentAsync(6)).DesiredState!.BootArtifacts!.KernelParameters.Should().Contain(" first ");
        (await ComponentAsync(7)).DesiredState!.BootArtifacts!.KernelParameters.Should().Contain(" second ");
    }

    [Fact]
    public async Task An_image_without_boot_parameters_contributes_none()
    {
        await factory.PutTemplateAsync("uan-image", new Dictionary<string, BootSet>
        {
            ["uan"] = BootSet("a5b1f8d2-6c3e-4f10-9d2a-000000000003", nodes: [Node(10)], parameters: "console=ttyS0", rootfsProvider: null),
        });
        await factory.CreateSessionAsync("uan-image-1", "uan-image");
        await factory.WaitForSessionAsync("uan-image-1", SessionStatusLabels.Running);
        (await ComponentAsync(10)).DesiredState!.BootArtifacts!.KernelParameters.Should().Be("console=ttyS0 bos_update_frequency=4h");
    }

    [Fact]
    public async Task A_redelivered_SessionCreated_for_a_running_session_changes_nothing()
    {
        await factory.PutTemplateAsync("once", new Dictionary<string, BootSet> { ["compute"] = BootSet(nodes: [Node(5)]) });
        var session = await factory.CreateSessionAsync("once-1", "once");
        await factory.WaitForSessionAsync("once-1", SessionStatusLabels.Running);
        await factory.Writer.PatchAsync([new Component { Id = Node(5), Error = "set after setup" }]);

        await factory.Services.GetRequiredService<IBus>().Publish(new SessionCreated
        {
            SessionName = "once-1", Session = session, CreatedAt = DateTimeOffset.UtcNow,
        });
        await Eventually.Never(async () => (await ComponentAsync(5)).Error != "set after setup", "setup ran again", TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task The_sweep_sets_up_a_pending_session_whose_event_was_lost()
    {
        await factory.PutTemplateAsync("swept", new Dictionary<string, BootSet> { ["compute"] = BootSet(nodes: [Node(8)]) });
        var session = new Session
        {
            Name = "swept-1", Operation = SessionOperations.Boot, TemplateName = "swept", Limit = "", Stage = false, Components = "",
            IncludeDisabled = false, Status = new SessionStatus { StartTime = "2026-01-01T00:00:00Z", Status = SessionStatusLabels.Pending },
        };
        // Stored without the outbox: no SessionCreated is ever published.
        var redis = factory.Services.GetRequiredService<IRedisStore>();
        var key = TenantKey.For(null, "swept-1");
        await redis.SetAsync(SessionRepository.Key(key), BosJson.Serialize(session));
        await redis.SortedSetAddAsync(SessionRepository.IndexKey, key, 0);

        (await factory.WaitForSessionAsync("swept-1", SessionStatusLabels.Running)).Components.Should().Be(Node(8));
    }

    [Fact]
    public async Task Components_are_written_in_chunks_of_max_component_batch_size()
    {
        var before = factory.Options.Current;
        factory.Options.Current = before with { MaxComponentBatchSize = 3 };
        try
        {
            await factory.PutTemplateAsync("chunks", new Dictionary<string, BootSet> { ["compute"] = BootSet(groups: ["blue"], parameters: "chunked") });
            await factory.CreateSessionAsync("chunks-1", "chunks");
            (await factory.WaitForSessionAsync("chunks-1", SessionStatusLabels.Running)).Components!.Split(',').Should().HaveCount(8);
            foreach (var ordinal in Enumerable.Range(1, 8))
                (await ComponentAsync(ordinal)).DesiredState!.BootArtifacts!.KernelParameters.Should().Contain(" chunked ");
        }
        finally
        {
            factory.Options.Current = before;
        }
    }
}

/// <summary>Its own worker host and simulator for <see cref="SessionSetupTests"/>.</summary>
public sealed class SessionSetupFactory : SessionOperatorsFactory;
