namespace Bos.Cli;

/// <summary>
/// Follows a session until it is complete: redraws the progress in place on a terminal (plain lines on each change
/// otherwise), prints failures as they appear, and answers the exit code: 0 when the session completed without
/// error or failed node, 1 otherwise.
/// </summary>
public sealed class SessionWatch(BosClient client, TextWriter output, bool redraw, TimeSpan interval)
{
    public async Task<int> RunAsync(string name, CancellationToken ct)
    {
        var reported = new Dictionary<string, int>();
        var drawn = 0;
        string? last = null;
        while (true)
        {
            var session = await client.GetAsync($"/v2/sessions/{Uri.EscapeDataString(name)}", ct);
            var status = await client.GetAsync($"/v2/sessions/{Uri.EscapeDataString(name)}/status?include=eta", ct)
                         ?? throw new BosRequestException(0, "empty status");
            var failures = ProgressView.NewFailures(status, reported);
            var lines = ProgressView.Lines(name, status);
            var text = string.Join('\n', lines);
            if (redraw && drawn > 0) output.Write($"\u001b[{drawn}A\r\u001b[J"); // back to the top of the view, clear below
            foreach (var failure in failures) output.WriteLine(failure);
            if (redraw || text != last || failures.Count > 0)
            {
                foreach (var line in lines) output.WriteLine(line);
                drawn = lines.Count;
                last = text;
            }
            output.Flush();

            if ((string?)session?["status"]?["status"] == "complete")
            {
                var error = (string?)session["status"]?["error"];
                if (!string.IsNullOrEmpty(error)) output.WriteLine($"session failed: {error}");
                var failed = (double?)status["percent_failed"] ?? 0;
                output.WriteLine(string.IsNullOrEmpty(error) && failed == 0 ? "session complete" : "session complete with failures");
                return string.IsNullOrEmpty(error) && failed == 0 ? 0 : 1;
            }
            await Task.Delay(interval, ct);
        }
    }
}
