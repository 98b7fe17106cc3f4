using System.Text.Json;
using System.Text.Json.Serialization;
using Bos.Contracts.Resources;

namespace Bos.Core.Json;

/// <summary>
/// Reads and writes a <see cref="Component"/> record in one pass, exactly as the serializer's own contract for it does
/// under <see cref="BosJson.Options"/> (snake_case, nulls left out, names matched ignoring case, unknown members
/// skipped, numbers also read from strings): the same bytes out, the same record in. Why by hand: the serializer keeps a
/// frame per nested object and copies it on every level it enters and leaves, and a record has up to eight nested
/// objects; that copying was the largest single cost in the worker's profile (BENCHMARKS.md). Held equal to the
/// serializer's contract by <c>ComponentJsonConverterTests</c>.
/// </summary>
public sealed class ComponentJsonConverter : JsonConverter<Component>
{
    public override Component Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? id = null, error = null, session = null;
        ActualState? actual = null;
        DesiredState? desired = null;
        StagedState? staged = null;
        LastAction? lastAction = null;
        EventStats? stats = null;
        ComponentStatus? status = null;
        bool? enabled = null;
        int? retryPolicy = null;
        for (var p = JsonMembers.First(ref reader, ComponentNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, ComponentNames))
        {
            switch (p)
            {
                case 0: id = JsonMembers.String(ref reader); break;
                case 1: actual = JsonMembers.Object(ref reader) ? ReadActual(ref reader) : null; break;
                case 2: desired = JsonMembers.Object(ref reader) ? ReadDesired(ref reader) : null; break;
                case 3: staged = JsonMembers.Object(ref reader) ? ReadStaged(ref reader) : null; break;
                case 4: lastAction = JsonMembers.Object(ref reader) ? ReadLastAction(ref reader) : null; break;
                case 5: stats = JsonMembers.Object(ref reader) ? ReadEventStats(ref reader) : null; break;
                case 6: status = JsonMembers.Object(ref reader) ? ReadStatus(ref reader) : null; break;
                case 7: enabled = JsonMembers.Boolean(ref reader); break;
                case 8: error = JsonMembers.String(ref reader); break;
                case 9: session = JsonMembers.String(ref reader); break;
                case 10: retryPolicy = JsonMembers.Int(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new Component
        {
            Id = id, ActualState = actual, DesiredState = desired, StagedState = staged, LastAction = lastAction,
            EventStats = stats, Status = status, Enabled = enabled, Error = error, Session = session, RetryPolicy = retryPolicy,
        };
    }

    public override void Write(Utf8JsonWriter writer, Component value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        String(writer, Id, value.Id);
        if (value.ActualState is { } actual)
        {
            writer.WriteStartObject(ActualStateName);
            Artifacts(writer, actual.BootArtifacts);
            String(writer, BssToken, actual.BssToken);
            String(writer, LastUpdated, actual.LastUpdated);
            writer.WriteEndObject();
        }
        if (value.DesiredState is { } desired)
        {
            writer.WriteStartObject(DesiredStateName);
            Artifacts(writer, desired.BootArtifacts);
            String(writer, Configuration, desired.Configuration);
            String(writer, BssToken, desired.BssToken);
            String(writer, LastUpdated, desired.LastUpdated);
            writer.WriteEndObject();
        }
        if (value.StagedState is { } staged)
        {
            writer.WriteStartObject(StagedStateName);
            Artifacts(writer, staged.BootArtifacts);
            String(writer, Configuration, staged.Configuration);
            String(writer, Session, staged.Session);
            String(writer, LastUpdated, staged.LastUpdated);
            writer.WriteEndObject();
        }
        if (value.LastAction is { } lastAction)
        {
            writer.WriteStartObject(LastActionName);
            String(writer, LastUpdated, lastAction.LastUpdated);
            String(writer, Action, lastAction.Action);
            if (lastAction.Failed is { } failed) writer.WriteBoolean(Failed, failed);
            writer.WriteEndObject();
        }
        if (value.EventStats is { } stats)
        {
            writer.WriteStartObject(EventStatsName);
            Int(writer, PowerOnAttempts, stats.PowerOnAttempts);
            Int(writer, PowerOffGracefulAttempts, stats.PowerOffGracefulAttempts);
            Int(writer, PowerOffForcefulAttempts, stats.PowerOffForcefulAttempts);
            writer.WriteEndObject();
        }
        if (value.Status is { } status)
        {
            writer.WriteStartObject(StatusName);
            String(writer, Phase, status.Phase);
            String(writer, StatusName, status.Status);
            String(writer, StatusOverride, status.StatusOverride);
            writer.WriteEndObject();
        }
        if (value.Enabled is { } enabled) writer.WriteBoolean(Enabled, enabled);
        String(writer, Error, value.Error);
        String(writer, Session, value.Session);
        Int(writer, RetryPolicy, value.RetryPolicy);
        writer.WriteEndObject();
    }

    private static ActualState ReadActual(ref Utf8JsonReader reader)
    {
        BootArtifacts? artifacts = null;
        string? token = null, updated = null;
        for (var p = JsonMembers.First(ref reader, ActualNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, ActualNames))
        {
            switch (p)
            {
                case 0: artifacts = JsonMembers.Object(ref reader) ? ReadArtifacts(ref reader) : null; break;
                case 1: token = JsonMembers.String(ref reader); break;
                case 2: updated = JsonMembers.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new ActualState { BootArtifacts = artifacts, BssToken = token, LastUpdated = updated };
    }

    private static DesiredState ReadDesired(ref Utf8JsonReader reader)
    {
        BootArtifacts? artifacts = null;
        string? configuration = null, token = null, updated = null;
        for (var p = JsonMembers.First(ref reader, DesiredNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, DesiredNames))
        {
            switch (p)
            {
                case 0: artifacts = JsonMembers.Object(ref reader) ? ReadArtifacts(ref reader) : null; break;
                case 1: configuration = JsonMembers.String(ref reader); break;
                case 2: token = JsonMembers.String(ref reader); break;
                case 3: updated = JsonMembers.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new DesiredState { BootArtifacts = artifacts, Configuration = configuration, BssToken = token, LastUpdated = updated };
    }

    private static StagedState ReadStaged(ref Utf8JsonReader reader)
    {
        BootArtifacts? artifacts = null;
        string? configuration = null, session = null, updated = null;
        for (var p = JsonMembers.First(ref reader, StagedNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, StagedNames))
        {
            switch (p)
            {
                case 0: artifacts = JsonMembers.Object(ref reader) ? ReadArtifacts(ref reader) : null; break;
                case 1: configuration = JsonMembers.String(ref reader); break;
                case 2: session = JsonMembers.String(ref reader); break;
                case 3: updated = JsonMembers.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new StagedState { BootArtifacts = artifacts, Configuration = configuration, Session = session, LastUpdated = updated };
    }

    private static BootArtifacts ReadArtifacts(ref Utf8JsonReader reader)
    {
        string? kernel = null, parameters = null, initrd = null, timestamp = null;
        for (var p = JsonMembers.First(ref reader, ArtifactNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, ArtifactNames))
        {
            switch (p)
            {
                case 0: kernel = JsonMembers.String(ref reader); break;
                case 1: parameters = JsonMembers.String(ref reader); break;
                case 2: initrd = JsonMembers.String(ref reader); break;
                case 3: timestamp = JsonMembers.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new BootArtifacts { Kernel = kernel, KernelParameters = parameters, Initrd = initrd, Timestamp = timestamp };
    }

    private static LastAction ReadLastAction(ref Utf8JsonReader reader)
    {
        string? updated = null, action = null;
        bool? failed = null;
        for (var p = JsonMembers.First(ref reader, LastActionNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, LastActionNames))
        {
            switch (p)
            {
                case 0: updated = JsonMembers.String(ref reader); break;
                case 1: action = JsonMembers.String(ref reader); break;
                case 2: failed = JsonMembers.Boolean(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new LastAction { LastUpdated = updated, Action = action, Failed = failed };
    }

    private static EventStats ReadEventStats(ref Utf8JsonReader reader)
    {
        int? on = null, graceful = null, forceful = null;
        for (var p = JsonMembers.First(ref reader, EventStatsNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, EventStatsNames))
        {
            switch (p)
            {
                case 0: on = JsonMembers.Int(ref reader); break;
                case 1: graceful = JsonMembers.Int(ref reader); break;
                case 2: forceful = JsonMembers.Int(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new EventStats { PowerOnAttempts = on, PowerOffGracefulAttempts = graceful, PowerOffForcefulAttempts = forceful };
    }

    private static ComponentStatus ReadStatus(ref Utf8JsonReader reader)
    {
        string? phase = null, status = null, statusOverride = null;
        for (var p = JsonMembers.First(ref reader, StatusNames); p != JsonMembers.End; p = JsonMembers.Next(ref reader, StatusNames))
        {
            switch (p)
            {
                case 0: phase = JsonMembers.String(ref reader); break;
                case 1: status = JsonMembers.String(ref reader); break;
                case 2: statusOverride = JsonMembers.String(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        return new ComponentStatus { Phase = phase, Status = status, StatusOverride = statusOverride };
    }

    private static void String(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null) writer.WriteString(name, value);
    }

    private static void Int(Utf8JsonWriter writer, JsonEncodedText name, int? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
    }

    private static void Artifacts(Utf8JsonWriter writer, BootArtifacts? artifacts)
    {
        if (artifacts is null) return;
        writer.WriteStartObject(BootArtifactsName);
        String(writer, Kernel, artifacts.Kernel);
        String(writer, KernelParameters, artifacts.KernelParameters);
        String(writer, Initrd, artifacts.Initrd);
        String(writer, Timestamp, artifacts.Timestamp);
        writer.WriteEndObject();
    }

    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id"), ActualStateName = JsonEncodedText.Encode("actual_state"),
        DesiredStateName = JsonEncodedText.Encode("desired_state"), StagedStateName = JsonEncodedText.Encode("staged_state"),
        LastActionName = JsonEncodedText.Encode("last_action"), EventStatsName = JsonEncodedText.Encode("event_stats"),
        StatusName = JsonEncodedText.Encode("status"), Enabled = JsonEncodedText.Encode("enabled"), Error = JsonEncodedText.Encode("error"),
        Session = JsonEncodedText.Encode("session"), RetryPolicy = JsonEncodedText.Encode("retry_policy"),
        BootArtifactsName = JsonEncodedText.Encode("boot_artifacts"), BssToken = JsonEncodedText.Encode("bss_token"),
        LastUpdated = JsonEncodedText.Encode("last_updated"), Configuration = JsonEncodedText.Encode("configuration"),
        Kernel = JsonEncodedText.Encode("kernel"), KernelParameters = JsonEncodedText.Encode("kernel_parameters"),
        Initrd = JsonEncodedText.Encode("initrd"), Timestamp = JsonEncodedText.Encode("timestamp"), Action = JsonEncodedText.Encode("action"),
        Failed = JsonEncodedText.Encode("failed"), PowerOnAttempts = JsonEncodedText.Encode("power_on_attempts"),
        PowerOffGracefulAttempts = JsonEncodedText.Encode("power_off_graceful_attempts"),
        PowerOffForcefulAttempts = JsonEncodedText.Encode("power_off_forceful_attempts"), Phase = JsonEncodedText.Encode("phase"),
        StatusOverride = JsonEncodedText.Encode("status_override");

    // Each reader's member names, in the order of its switch.
    private static readonly JsonMemberNames ComponentNames = new("id", "actual_state", "desired_state", "staged_state", "last_action",
        "event_stats", "status", "enabled", "error", "session", "retry_policy");
    private static readonly JsonMemberNames ActualNames = new("boot_artifacts", "bss_token", "last_updated");
    private static readonly JsonMemberNames DesiredNames = new("boot_artifacts", "configuration", "bss_token", "last_updated");
    private static readonly JsonMemberNames StagedNames = new("boot_artifacts", "configuration", "session", "last_updated");
    private static readonly JsonMemberNames ArtifactNames = new("kernel", "kernel_parameters", "initrd", "timestamp");
    private static readonly JsonMemberNames LastActionNames = new("last_updated", "action", "failed");
    private static readonly JsonMemberNames EventStatsNames = new("power_on_attempts", "power_off_graceful_attempts", "power_off_forceful_attempts");
    private static readonly JsonMemberNames StatusNames = new("phase", "status", "status_override");
}
