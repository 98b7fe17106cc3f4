using Bos.Contracts.Resources;
using Bos.Core.Components;

namespace Bos.Workers.Orchestration;

/// <summary>
/// Writes and clears the `error` of components whose observation (a PCS or CFS read, or a PCS transition's status) is
/// failing (D-19). Such an error never replaces another kind (a power action's or an assessment's, which stays until
/// its own writer clears it) and is written only on enabled components.
/// </summary>
public sealed class ObservationErrors(ComponentWriter writer, ILogger<ObservationErrors> logger)
{
    /// <summary>Shows <paramref name="error"/> (which starts with <see cref="ServiceFailureErrors.ObservationPrefix"/>) on the components.</summary>
    public Task ShowAsync(IReadOnlyList<string> ids, string error) =>
        WriteAsync(ids, c => c.Enabled == true && c.Error != error && (string.IsNullOrEmpty(c.Error) || ServiceFailureErrors.IsObservationError(c.Error))
            ? new Component { Id = c.Id, Error = error }
            : null);

    /// <summary>Clears an observation error the components still show (the read it was about succeeded after all).</summary>
    public Task ClearAsync(IReadOnlyList<string> ids) =>
        WriteAsync(ids, c => ServiceFailureErrors.IsObservationError(c.Error) ? new Component { Id = c.Id, Error = "" } : null);

    private async Task WriteAsync(IReadOnlyList<string> ids, Func<Component, Component?> patchFor)
    {
        if (ids.Count == 0) return;
        try
        {
            await writer.PatchEachAsync(ids, patchFor);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not write the observation error of {Count} components: {Error}", ids.Count, e.Message);
        }
    }
}
