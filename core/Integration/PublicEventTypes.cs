namespace Bos.Core.Integration;

/// <summary>
/// The public event types: each is a routing key on the events exchange and, with its version, the CloudEvents
/// <c>type</c> (e.g. <c>bos.session.completed.v1</c>) naming its JSON Schema in the AsyncAPI document.
/// </summary>
public static class PublicEventTypes
{
    public const string SessionCreated = "bos.session.created";
    public const string SessionRunning = "bos.session.running";
    public const string SessionCompleted = "bos.session.completed";
    public const string SessionDeleted = "bos.session.deleted";
    public const string TemplateSaved = "bos.sessiontemplate.saved";
    public const string TemplateDeleted = "bos.sessiontemplate.deleted";
    public const string OptionsChanged = "bos.options.changed";
    public const string ComponentPhaseChanged = "bos.component.phase_changed";
    public const string ComponentFailed = "bos.component.failed";
    public const string ComponentStable = "bos.component.stable";

    /// <summary>Every type's current version; a breaking change of a type's data is published as a new version beside the old.</summary>
    public static IReadOnlyDictionary<string, int> Versions { get; } = new Dictionary<string, int>
    {
        [SessionCreated] = 1, [SessionRunning] = 1, [SessionCompleted] = 1, [SessionDeleted] = 1,
        [TemplateSaved] = 1, [TemplateDeleted] = 1, [OptionsChanged] = 1,
        [ComponentPhaseChanged] = 1, [ComponentFailed] = 1, [ComponentStable] = 1,
    };

    /// <summary>The CloudEvents type: routing key and version.</summary>
    public static string CloudEventType(string routingKey) => $"{routingKey}.v{Versions[routingKey]}";
}
