using System.Text.Json;
using Bos.Api.Http;
using Bos.Api.Spec;
using Bos.Core.Integration;
using Microsoft.Extensions.Options;

namespace Bos.Api.Integration;

/// <summary>A command's answer: the REST call's status and JSON body, or its RFC 7807 problem.</summary>
public sealed record CommandReply(int Status, string ContentType, byte[] Body);

/// <summary>
/// Carries out one command exactly as its REST call: the spec checks of its operation (parameters from the message
/// headers, the body), the tenant from the <c>Cray-Tenant-Name</c> header, then the REST handler; failures become the
/// problem the REST call answers. Transport-free, so the rules are tested without a broker.
/// </summary>
public sealed class CommandDispatcher(
    IServiceProvider services,
    SpecRequestCheck check,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    IOptions<IntegrationOptions> options,
    ILogger<CommandDispatcher> logger)
{
    public async Task<CommandReply> DispatchAsync(string name, IReadOnlyDictionary<string, string> headers, ReadOnlyMemory<byte> body,
        string? contentType, string? userId, CancellationToken ct)
    {
        try
        {
            var users = options.Value.CommandUsers;
            if (users.Count > 0 && (userId is null || !users.Contains(userId)))
                throw new ProblemException(403, "Forbidden",
                    $"The sender {(userId is null ? "(no user_id property)" : $"'{userId}'")} may not send commands (setting Integration:CommandUsers)");
            if (!Commands.All.TryGetValue(name, out var command))
                throw new ProblemException(404, "Not Found", $"Unknown command '{name}'; the commands are {string.Join(", ", Commands.All.Keys)}");

            string? Header(string header) => headers.FirstOrDefault(h => string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase)).Value;
            check.Parameters(command.Operation, parameter => Header(parameter.Name));
            // AMQP clients often leave content_type unset: JSON is assumed then; a declared other type is a 415 as in REST.
            var validated = command.Operation.BodySchema is null ? null
                : check.Body(command.Operation, command.RequestBody?.Invoke(body) ?? body, contentType ?? "application/json");
            var tenant = Header(Tenant.Header) is { Length: > 0 } t ? new RequestTenant(t) : new RequestTenant((string?)null);

            var result = await command.Handle(new CommandRequest(ValidatedBody.Of(validated), tenant, Header, services, ct));
            var value = (result as IValueHttpResult)?.Value;
            return new CommandReply((result as IStatusCodeHttpResult)?.StatusCode ?? 200, "application/json",
                value is null ? [] : JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json.Value.SerializerOptions));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var (status, title, detail) = ProblemMiddleware.Describe(ex, logger, $"command {name}");
            return new CommandReply(status, "application/problem+json", JsonSerializer.SerializeToUtf8Bytes(new { type = "about:blank", title, status, detail }));
        }
    }
}
