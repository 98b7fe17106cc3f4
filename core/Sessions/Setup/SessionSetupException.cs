namespace Bos.Core.Sessions.Setup;

/// <summary>
/// Session setup cannot proceed; <see cref="Exception.Message"/> becomes the session's <c>status.error</c>.
/// <see cref="Of(string, string)"/> words it as upstream's exc_type_msg ("&lt;ExceptionType&gt;: &lt;message&gt;").
/// </summary>
public sealed class SessionSetupException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string NoNodes = "No nodes were found to act upon.";
    public const string NoComponents = "All nodes found to act upon do not exist as BOS components";

    public static SessionSetupException Of(string upstreamType, string message) => new($"{upstreamType}: {message}");

    /// <summary>
    /// The session error a planning failure gives: this exception's own text, else (HSM, TAPMS or S3 failing after
    /// their clients' retries) upstream's exc_type_msg wording.
    /// </summary>
    public static string ErrorText(Exception e) => e is SessionSetupException ? e.Message : $"{e.GetType().Name}: {e.Message}";
}
