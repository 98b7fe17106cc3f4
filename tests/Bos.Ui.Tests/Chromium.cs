using Microsoft.Playwright;
using Xunit;

namespace Bos.Ui.Tests;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium; `scripts/test` installs it) driven by Playwright, headless. Playwright's own
/// browser download (`playwright install`) is never used: the tests run offline. BOS_CHROMIUM overrides the path.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("BOS_CHROMIUM") ?? "/usr/bin/chromium";

    private IPlaywright _playwright = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>Where screenshots go: tests/artifacts/ui/ of the repository (git-ignored), kept after the run.</summary>
    public static string ArtifactPath(string name)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')); // tests/Bos.Ui.Tests/bin/<Configuration>/net10.0
        var folder = Path.Combine(bin.Parent!.Parent!.Parent!.Parent!.FullName, "artifacts", "ui");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
