using System.Text;
using Bos.Api.ApplyStaged;
using Bos.Api.Components;
using Bos.Api.Http;
using Bos.Api.Sessions;
using Bos.Api.Spec;

namespace Bos.Api.Integration;

/// <summary>What a command handler gets: the validated body and parameters, the tenant, the API's services.</summary>
public sealed record CommandRequest(ValidatedBody Body, RequestTenant Tenant, Func<string, string?> Parameter, IServiceProvider Services, CancellationToken Ct)
{
    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>
/// One command: the upstream operation whose parameters and body it is validated against, an optional rewrite of the
/// message body into that operation's body, and the REST handler it calls (the module's own, so the result is the
/// REST call's).
/// </summary>
public sealed record Command(string OperationId, Func<CommandRequest, Task<IResult>> Handle, Func<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>? RequestBody = null)
{
    public SpecOperation Operation { get; } = SpecOperation.For(OperationId);
}

/// <summary>The commands other services send over RabbitMQ (routing key = name); docs/integration.md lists them.</summary>
public static class Commands
{
    public static IReadOnlyDictionary<string, Command> All { get; } = new Dictionary<string, Command>
    {
        ["session.create"] = new("post_v2_session", async r =>
            await SessionsModule.CreateSessionAsync(r.Body, r.Tenant, r.Service<SessionService>(), r.Ct)),
        ["session.status"] = new("get_v2_session_status", async r =>
            await SessionsModule.GetSessionStatusAsync(r.Parameter("session_id")!, r.Parameter("include"), r.Tenant, r.Service<SessionService>(), r.Ct)),
        ["applystaged"] = new("post_v2_apply_staged", async r =>
            await ApplyStagedModule.ApplyStagedAsync(r.Body, r.Tenant, r.Service<ApplyStagedService>(), r.Ct)),
        ["components.update"] = new("patch_v2_components", PatchComponents),
        ["components.enable"] = new("patch_v2_components", PatchComponents, filters => Enabled(filters, true)),
        ["components.disable"] = new("patch_v2_components", PatchComponents, filters => Enabled(filters, false)),
    };

    private static async Task<IResult> PatchComponents(CommandRequest r) =>
        await ComponentsModule.PatchComponentsAsync(r.Body, r.Tenant, r.Service<ComponentService>(), r.Ct,
            r.Parameter("skip_bad_ids") is { } skip ? bool.Parse(skip) : null);

    /// <summary>
    /// enable / disable: the message is the filters of a PATCH /v2/components setting <c>enabled</c>; wrapped as text,
    /// so that the spec check sees (and reports on) the filters as sent.
    /// </summary>
    private static ReadOnlyMemory<byte> Enabled(ReadOnlyMemory<byte> filters, bool enabled)
    {
        var text = Encoding.UTF8.GetString(filters.Span);
        return Encoding.UTF8.GetBytes($$"""{"patch":{"enabled":{{(enabled ? "true" : "false")}}},"filters":{{(string.IsNullOrWhiteSpace(text) ? "{}" : text)}}}""");
    }
}
