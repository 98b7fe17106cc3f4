using System.Text.Json.Nodes;
using Bos.Api.Http;
using Bos.Contracts.Resources;
using Bos.Core.Json;
using Bos.Core.Options;
using Bos.Core.Sessions;
using Bos.Core.Sessions.Eta;
using Bos.Core.Templates;
using Bos.Core.Tenancy;
using Bos.Core.Time;

namespace Bos.Api.Sessions;

/// <summary>The body of POST /v2/sessions (and of its dry run), as the spec validated it.</summary>
public sealed record SessionCreateRequest(string? Name, string Operation, string TemplateName, string? Limit, bool? Stage, bool? IncludeDisabled);

/// <summary>A session, its extended status and the components that status was computed from (empty when not read).</summary>
public sealed record SessionObservation(Session Session, SessionExtendedStatus Status, IReadOnlyList<Component> Members);

/// <summary>A session API-33 would store, and its template.</summary>
public sealed record PreparedSession(Session Session, SessionTemplate Template);

/// <summary>The session endpoints' logic (API-33..40).</summary>
public sealed class SessionService(
    SessionRepository sessions,
    SessionTemplateRepository templates,
    BootSetValidator validator,
    SessionStatusReader statusReader,
    ITenantDirectory tenants,
    IBosOptionsSource options,
    TimeProvider clock,
    ILogger<SessionService> logger)
{
    private const string SessionType = "Session";

    /// <summary>API-33: the checks of <see cref="PrepareAsync"/>, then the write.</summary>
    public async Task<Session> CreateAsync(string? tenant, JsonNode body, CancellationToken ct)
    {
        var session = (await PrepareAsync(tenant, body, [], ct)).Session;
        if (!await sessions.CreateAsync(session)) throw AlreadyExists(session);
        return session;
    }

    /// <summary>
    /// API-33's checks in upstream's order (the body was validated against the spec before this runs) and the
    /// session it would store; writes nothing. Shared by the create and the dry run, which adds the conflict check.
    /// </summary>
    /// <remarks><paramref name="warnings"/> receives what is logged but not refused (NIDs in the limit, template warnings).</remarks>
    public async Task<PreparedSession> PrepareAsync(string? tenant, JsonNode body, ICollection<string> warnings, CancellationToken ct)
    {
        if (tenant is not null) await Tenant.OwnedComponents(tenants, tenant, ct);
        var request = BosJson.Deserialize<SessionCreateRequest>(body);
        var current = options.Current;

        if (string.IsNullOrEmpty(request.Limit) && current.SessionLimitRequired)
            throw ProblemException.BadRequest("session_limit_required option is set, but this session has no limit specified");
        if (SessionLimit.HasNids(request.Limit))
        {
            var message = $"session limit appears to contain NIDs: {request.Limit}";
            if (current.RejectNids) throw ProblemException.BadRequest($"reject_nids: {message}");
            logger.LogWarning("{Message}", message);
            warnings.Add(message);
        }
        // a limit setup could never apply ("a,,b", "x,", "!", " ") is refused here, where its author sees why;
        // the spec only says "string", so nothing before this point catches it.
        if (!LimitExpression.TryParse(request.Limit, out _, out var limitError))
            throw ProblemException.BadRequest(limitError!);

        var template = await templates.GetAsync(request.TemplateName, tenant)
                       ?? throw ProblemException.BadRequest($"Session Template Name invalid: {request.TemplateName}");
        var validation = await validator.ValidateAsync(template, request.Operation, request.TemplateName, ct);
        if (validation.Status == BootSetStatus.Error)
            throw ProblemException.BadRequest($"Session template fails check: {validation.Message}");
        if (validation.Status == BootSetStatus.Warning) warnings.Add(validation.Message);

        var session = new Session
        {
            Name = request.Name ?? Guid.NewGuid().ToString(),
            Tenant = tenant,
            Operation = request.Operation,
            TemplateName = request.TemplateName,
            Limit = request.Limit ?? "",
            Stage = request.Stage ?? false,
            Components = "",
            IncludeDisabled = request.IncludeDisabled ?? false,
            Status = new SessionStatus { StartTime = Timestamps.Format(clock.GetUtcNow()), Status = SessionStatusLabels.Pending },
        };
        return new PreparedSession(session, template);
    }

    /// <summary>The 409 of API-33, or null when the name is free (the dry run's check; the create relies on the atomic write).</summary>
    public async Task<ProblemException?> ConflictAsync(Session session) =>
        await sessions.GetAsync(session.Name!, session.Tenant) is null ? null : AlreadyExists(session);

    private static ProblemException AlreadyExists(Session session) =>
        new(409, "The resource to be created already exists", session.Tenant is null
            ? $"Session '{session.Name}' already exists"
            : $"Session '{session.Name}' already exists for tenant '{session.Tenant}'");

    /// <summary>API-34: the filtered sessions; no criterion and no tenant lists every tenant's sessions.</summary>
    public async Task<IReadOnlyList<Session>> ListAsync(string? tenant, SessionListQuery query) =>
        new SessionFilter(tenant, query.MinAge, query.MaxAge, query.Status).Apply(await sessions.ListAsync(), clock.GetUtcNow());

    /// <summary>
    /// API-35: deletes what GET would list. Q-01 kept: no criterion deletes every session. Q-02 fixed: each selected
    /// session is deleted under its own tenant, so an untenanted call also removes the tenant sessions it selected.
    /// </summary>
    public async Task DeleteManyAsync(string? tenant, SessionListQuery query)
    {
        foreach (var session in await ListAsync(tenant, query))
            await sessions.DeleteAsync(session.Name!, session.Tenant);
    }

    public async Task<Session> GetAsync(string? tenant, string name) =>
        await sessions.GetAsync(name, tenant) ?? throw NotFound(tenant, name);

    /// <summary>The session's stored record (see <see cref="SessionRepository.GetStoredAsync"/>).</summary>
    public async Task<byte[]> GetStoredAsync(string? tenant, string name) =>
        await sessions.GetStoredAsync(name, tenant) ?? throw NotFound(tenant, name);

    /// <summary>API-37: status merged key by key, components replaced.</summary>
    public async Task<Session> PatchAsync(string? tenant, string name, JsonObject patch) =>
        await sessions.UpdateAsync(name, tenant, record => SessionMerge.Apply(record, patch)) ?? throw NotFound(tenant, name);

    public async Task DeleteAsync(string? tenant, string name)
    {
        if (!await sessions.DeleteAsync(name, tenant)) throw NotFound(tenant, name);
    }

    /// <summary>
    /// API-39: the saved status of a complete session when there is one, else the live status; with the Bos
    /// extension <c>eta</c> (<see cref="SessionEtaRule"/>) when asked for.
    /// </summary>
    public async Task<SessionExtendedStatus> GetStatusAsync(string? tenant, string name, bool withEta, CancellationToken ct) =>
        (await ObserveAsync(tenant, name, withEta, withMembers: false, ct)).Status;

    /// <summary>
    /// The status of <see cref="GetStatusAsync"/> and, when <paramref name="withMembers"/> is set (the dashboard's
    /// feed), the components it was computed from, read once; a complete session's saved status needs no read otherwise.
    /// </summary>
    public async Task<SessionObservation> ObserveAsync(string? tenant, string name, bool withEta, bool withMembers, CancellationToken ct)
    {
        var session = await GetAsync(tenant, name);
        var now = clock.GetUtcNow();
        if (session.Status?.Status == SessionStatusLabels.Complete && await sessions.GetSavedStatusAsync(name, tenant) is { } saved)
        {
            var final = withEta ? saved with { Eta = SessionEtaRule.Estimate(session, [], [], now) } : saved;
            return new SessionObservation(session, final, withMembers ? await statusReader.ReadAsync(session, tenant, ct) : []);
        }
        // The plain status counts the components as they are read; only the ETA and the dashboard keep them.
        if (!withEta && !withMembers) return new SessionObservation(session, await statusReader.ComputeAsync(session, tenant, ct), []);
        var members = await statusReader.ReadAsync(session, tenant, ct);
        var status = SessionExtendedStatusRule.Compute(session, members, now);
        if (withEta)
        {
            var own = members.Where(c => c.Session == session.Name).ToList();
            status = status with { Eta = SessionEtaRule.Estimate(session, own, await sessions.ListAsync(), now) };
        }
        return new SessionObservation(session, status, members);
    }

    /// <summary>API-40: computes, saves and returns the extended status (Q-05: upstream returns this, not the session).</summary>
    public async Task<SessionExtendedStatus> SaveStatusAsync(string? tenant, string name, CancellationToken ct)
    {
        var session = await GetAsync(tenant, name);
        var status = await statusReader.ComputeAsync(session, tenant, ct);
        if (!await sessions.SaveStatusAsync(name, tenant, status)) throw NotFound(tenant, name);
        return status;
    }

    private static ProblemException NotFound(string? tenant, string name) => ProblemException.NotFound(SessionType, name, tenant);
}
