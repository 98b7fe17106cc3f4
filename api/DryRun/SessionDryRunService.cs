using System.Text.Json.Nodes;
using Bos.Api.Http;
using Bos.Api.Sessions;
using Bos.Contracts.Resources;
using Bos.Core.Components;
using Bos.Core.Options;
using Bos.Core.Sessions.Setup;

namespace Bos.Api.DryRun;

/// <summary>
/// POST /v2/sessions/dryrun: what POST /v2/sessions with the same body would do, through the same code: the create's
/// checks (<see cref="SessionService.PrepareAsync"/>), then session setup's planner (<see cref="SessionSetupPlanner"/>),
/// then the power action each node would get. Reads only: nothing is written and no event is published.
/// </summary>
public sealed class SessionDryRunService(SessionService sessions, SessionSetupPlanner planner, ComponentRepository components,
    NodePreview preview, IBosOptionsSource options)
{
    public async Task<DryRunReport> RunAsync(string? tenant, JsonNode body, CancellationToken ct)
    {
        var warnings = new List<string>();
        var errors = new List<string>();
        PreparedSession prepared;
        try
        {
            prepared = await sessions.PrepareAsync(tenant, body, warnings, ct);
        }
        catch (ProblemException e)
        {
            errors.Add(e.Detail);
            return DryRunAnswer.Of((string?)body["operation"], (bool?)body["stage"], errors, warnings, []);
        }
        var session = prepared.Session;
        if (await sessions.ConflictAsync(session) is { } conflict) errors.Add(conflict.Detail);

        SetupPlan plan;
        try
        {
            plan = await planner.PlanAsync(session, prepared.Template, options.Current, warnings, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            errors.Add(SessionSetupException.ErrorText(e));
            return DryRunAnswer.Of(session.Operation, session.Stage, errors, warnings, []);
        }
        if (plan.NodesInSeveralBootSets.Count > 0) warnings.Add(plan.OverlapWarning);

        var records = await components.GetManyAsync(plan.Nodes);
        var entries = plan.Nodes.Select((id, i) => records[i] is { } record
                ? new PreviewEntry(id, record, ComponentMerge.Apply(record, plan.PatchOf(i)), plan.BootSetOf(i), null, session.Stage == true)
                : new PreviewEntry(id, null, null, plan.BootSetOf(i), "not a BOS component", false))
            .ToList();
        if (entries.All(e => e.Current is null)) errors.Add(SessionSetupException.NoComponents);
        else if (entries.Count(e => e.Current is null) is > 0 and var missing)
            warnings.Add($"{missing} nodes to act upon are not BOS components and would be skipped");
        return DryRunAnswer.Of(session.Operation, session.Stage, errors, warnings, await preview.DescribeAsync(entries, warnings, ct));
    }
}
