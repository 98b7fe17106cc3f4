namespace Bos.Migrate;

/// <summary>What a Kubernetes Job (or a script) can act on.</summary>
public static class ExitCodes
{
    /// <summary>Done: every record is valid, repaired, imported or reported as rejected.</summary>
    public const int Done = 0;

    /// <summary>Stopped by an error part-way; every step is idempotent, so running again is safe (the Job retries).</summary>
    public const int Failed = 1;

    /// <summary>Bos's Redis (or the upstream one) did not answer within `Startup:DependencyAttempts` (as the API and workers).</summary>
    public const int Unreachable = 2;

    /// <summary>Bad arguments (EX_USAGE): retrying cannot help.</summary>
    public const int Usage = 64;
}
