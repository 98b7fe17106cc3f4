namespace Bos.Core.Templates;

/// <summary>Severity of a boot-set check result (upstream's BootSetWarning / BootSetError).</summary>
public enum FindingSeverity
{
    Warning,
    Error,
}

/// <summary>
/// One problem found in a boot set. <c>Kind</c> is upstream's exception class name, which appears in save-time
/// error messages ("BootSetArchMismatch: Boot set arch …").
/// </summary>
public sealed record BootSetFinding(FindingSeverity Severity, string Message, string Kind)
{
    public bool IsError => Severity == FindingSeverity.Error;

    public static BootSetFinding Warning(string message) => new(FindingSeverity.Warning, message, "BootSetWarning");

    public static BootSetFinding Error(string message, string kind = "BootSetError") => new(FindingSeverity.Error, message, kind);
}

/// <summary>Outcome of validating a template's boot sets (upstream BootSetStatus, ascending severity).</summary>
public enum BootSetStatus
{
    Success = 0,
    Warning = 1,
    Error = 2,
}

/// <summary>Result of <see cref="BootSetValidator"/>: "Valid", the warnings joined by "; ", or the first error.</summary>
public sealed record BootSetValidation(BootSetStatus Status, string Message);

/// <summary>A template that cannot be saved (DM-61); the message is upstream's, without the "could not be created" prefix.</summary>
public sealed class TemplateRuleException(string message) : Exception(message);
