using Bos.Core.Clients;

namespace Bos.Workers.Orchestration;

/// <summary>
/// The `error` texts Bos writes while a failing or hanging service call is still being retried (upstream shows
/// nothing until the retries are exhausted, minutes later; docs/compatibility.md D-19).
/// </summary>
public static class ServiceFailureErrors
{
    /// <summary>Starts every error written because an observation (the status operator's reads) failed.</summary>
    public const string ObservationPrefix = "Error encountered reading ";

    /// <summary>E.g. "Error encountered calling CAPMC to power on: pcs POST …/transitions: HTTP 503 Service Unavailable (retrying: retry 1 of 10 in 0.5 s)".</summary>
    public static string Retrying(string step, ServiceAttemptFailure failure) => $"{step}: {failure.What} (retrying: {failure.Retrying})";

    /// <summary>What an observation was reading when <paramref name="service"/> failed.</summary>
    public static string ObservationStep(string service) => service switch
    {
        "pcs" => ObservationPrefix + "power status from PCS",
        "cfs" => ObservationPrefix + "components from CFS",
        _ => ObservationPrefix + "from " + service.ToUpperInvariant(),
    };

    /// <summary>Whether <paramref name="error"/> was written because an observation failed (the next successful one clears it).</summary>
    public static bool IsObservationError(string? error) => error?.StartsWith(ObservationPrefix, StringComparison.Ordinal) == true;
}
