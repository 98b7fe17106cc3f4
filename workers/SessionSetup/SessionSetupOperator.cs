using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Redis;
using Bos.Core.Sessions;
using Bos.Core.Sessions.Setup;
using Bos.Core.Templates;
using Bos.Core.Tenancy;

namespace Bos.Workers.SessionSetup;

/// <summary>What one setup attempt did.</summary>
public enum SetupOutcome
{
    /// <summary>The session is gone or no longer pending (a redelivered event, or another worker finished it).</summary>
    NotPending,

    /// <summary>Another worker is setting it up right now.</summary>
    Busy,

    /// <summary>Components written, session running.</summary>
    Running,

    /// <summary>The session could not be set up: complete with an error.</summary>
    Failed,
}

/// <summary>
/// Session setup (OP-50) for one pending session: plan (<see cref="SessionSetupPlanner"/>), write the components
/// through <see cref="ComponentWriter"/> in chunks of max_component_batch_size, then mark the session running with
/// its components — or complete with the error and a saved extended status.
/// <para>
/// Idempotent: only a pending session is set up, under a lease so two workers never set up one session at once.
/// Storage failures (Redis) propagate, leaving the session pending for a retry, as upstream left it pending when a
/// component write or the running mark failed. A failure of HSM, TAPMS or S3 fails the session, as upstream.
/// </para>
/// </summary>
public sealed class SessionSetupOperator(
    SessionRepository sessions,
    SessionTemplateRepository templates,
    SessionSetupPlanner planner,
    ComponentWriter writer,
    SessionFinisher finisher,
    IBosOptionsSource options,
    IRedisStore redis,
    ILogger<SessionSetupOperator> logger)
{
    /// <summary>Longer than any setup should take; a crashed worker's session is set up again after it.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(10);

    public static string LeaseKey(string name, string? tenant) => "session-setup-lease:" + TenantKey.For(tenant, name);

    public async Task<SetupOutcome> RunAsync(string name, string? tenant, CancellationToken ct = default)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["SessionName"] = name, ["Tenant"] = tenant });
        if (!IsPending(await sessions.GetAsync(name, tenant))) return SetupOutcome.NotPending;

        await using var lease = await RedisLease.TryAcquireAsync(redis, LeaseKey(name, tenant), LeaseDuration);
        if (lease is null)
        {
            logger.LogDebug("Session is being set up by another worker");
            return SetupOutcome.Busy;
        }
        // Read again under the lease: the holder before us may have finished it.
        var session = await sessions.GetAsync(name, tenant);
        if (!IsPending(session)) return SetupOutcome.NotPending;

        var current = options.Current;
        var template = await templates.GetAsync(session!.TemplateName ?? "", tenant);
        if (template is null)
            return await FailAsync(name, tenant, $"SessionTemplateNotFound: Session template '{session.TemplateName}' does not exist", ct);
        SetupPlan plan;
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            plan = await planner.PlanAsync(session, template, current, ct: ct);
        }
        catch (SessionSetupException e)
        {
            return await FailAsync(name, tenant, e.Message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Session setup failed");
            return await FailAsync(name, tenant, SessionSetupException.ErrorText(e), ct);
        }
        if (plan.NodesInSeveralBootSets.Count > 0) logger.LogWarning("{Warning}", plan.OverlapWarning);

        var planned = started.Elapsed;
        // The plan's nodes are distinct, so the ids written are too: a list, sorted once at the end.
        var written = new List<string>(plan.Nodes.Count);
        foreach (var chunk in plan.PatchChunks(current.MaxComponentBatchSize))
            foreach (var component in await writer.PatchAsync(chunk))
                written.Add(component.Id!);
        if (written.Count < plan.Nodes.Count)
            logger.LogWarning("{Missing} nodes to act upon are not BOS components and were skipped: {Ids}",
                plan.Nodes.Count - written.Count, plan.Nodes.Except(written, StringComparer.Ordinal).Take(100));
        if (written.Count == 0) return await FailAsync(name, tenant, SessionSetupException.NoComponents, ct);

        // the whole list is stored, however long (upstream's 524288-character limit would stall big sessions).
        written.Sort(StringComparer.Ordinal);
        var components = string.Join(',', written);
        var running = await sessions.UpdateAsync(name, tenant, s => IsPending(s)
            ? s with { Status = s.Status! with { Status = SessionStatusLabels.Running }, Components = components }
            : s);
        logger.LogInformation("Session running with {Count} components (planned in {PlanSeconds:F1} s, written in {WriteSeconds:F1} s)",
            written.Count, planned.TotalSeconds, (started.Elapsed - planned).TotalSeconds);
        return running?.Status?.Status == SessionStatusLabels.Running ? SetupOutcome.Running : SetupOutcome.NotPending;
    }

    private async Task<SetupOutcome> FailAsync(string name, string? tenant, string error, CancellationToken ct)
    {
        logger.LogWarning("Session failed: {Error}", error);
        await finisher.CompleteAsync(name, tenant, SessionStatusLabels.Pending, error, ct);
        return SetupOutcome.Failed;
    }

    private static bool IsPending(Session? session) => session?.Status?.Status == SessionStatusLabels.Pending;
}
