using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Connector.Tests.TestSupport;
using Microsoft.Playwright;

namespace Connector.Tests.E2e;

/// <summary>
/// The browser rig: <c>crm-esp serve</c> in sandbox mode as a child process (exactly what <c>./scripts/run.sh</c> starts with
/// no CRM configured: the sandbox installs the app through the real install flow and the first sync mirrors it) and
/// Debian's Chromium driven by Playwright (<see cref="ChromiumPath"/>; Playwright never downloads a browser here). Pages
/// are opened through the sandbox's portal page (<c>/sandbox/portal</c>), which POSTs the real placement form into named
/// frames, so the real handler, its verification and the frame SDK run. Helpers for the flows: open the portal as a
/// viewer in a language (<see cref="OpenAsync"/>), the app's frame (<see cref="AppFrame"/>), its readiness
/// (<see cref="WaitReadyAsync"/>), screenshots saved under <c>.artifacts/screenshots/</c> and attached to the test
/// (<see cref="ScreenshotAsync(IPage, string)"/>), and an axe-core check (<see cref="AxeAsync"/>). Start one per fixture
/// (<see cref="StartAsync"/>) and dispose it in the fixture's teardown: it closes the browser and kills serve by its pid.
/// </summary>
internal sealed class PortalRig : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const long Admin = 1;
    public const long Manager = 7;
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly ServeChildren _serve;
    private readonly IPlaywright _playwright;
    private string? _axe;

    private PortalRig(ServeChildren serve, Uri baseUrl, IPlaywright playwright, IBrowser browser)
    {
        _serve = serve;
        BaseUrl = baseUrl;
        _playwright = playwright;
        Browser = browser;
    }

    /// <summary>serve's root, <c>http://127.0.0.1:PORT/</c>: the app and the sandbox portal share it.</summary>
    public Uri BaseUrl { get; }

    public IBrowser Browser { get; }

    public ServeChildren Serve => _serve;

    /// <summary>The portal's origin as a browser names it (what <c>frame-ancestors</c> must allow).</summary>
    public string PortalOrigin => BaseUrl.GetLeftPart(UriPartial.Authority);

    /// <summary>Starts serve (with <paramref name="extraArguments"/> after the rig's own, e.g. <c>--Scenarios:IntervalSeconds=1</c>) and the browser.</summary>
    public static async Task<PortalRig> StartAsync(CancellationToken cancellationToken, params string[] extraArguments)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var serve = new ServeChildren("crm-esp-portal-e2e-");
        try
        {
            var url = new Uri($"http://127.0.0.1:{TestPorts.Free().ToString(CultureInfo.InvariantCulture)}/");
            var child = serve.Serve(["--urls", url.GetLeftPart(UriPartial.Authority), $"--Store:Path={serve.StorePath}",
                // Under load the install (ONAPPINSTALL: event.bind, placement.bind, the first sync started) can outlast the
                // sandbox's 5 s event timeout, and the sandbox would keep its widgets hidden.
                "--Sandbox:EventTimeoutSeconds=60", .. extraArguments]);
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };

            // Installed (the portal page answers 200, not 503) and mirrored (the first full sync brought deals and contacts).
            await serve.UntilAsync(async () =>
            {
                try
                {
                    using var page = await http.GetAsync("sandbox/portal", cancellationToken);
                    return page.IsSuccessStatusCode
                        && await serve.CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'deals'", cancellationToken) == 1
                        && await serve.CountAsync("SELECT COUNT(*) FROM deals", cancellationToken) > 0
                        && await serve.CountAsync("SELECT COUNT(*) FROM contacts", cancellationToken) > 0;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(120), child, cancellationToken);

            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Args = ChromiumArgs, Headless = true });
            return new PortalRig(serve, url, playwright, browser);
        }
        catch
        {
            serve.Dispose();
            throw;
        }
    }

    /// <summary>A fresh (cold: no cache, no storage) browser context with a 1280×800 viewport.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

    /// <summary>The portal page's URL: <paramref name="view"/> is <c>deal</c>, <c>contact</c> or <c>app</c>.</summary>
    public Uri PortalUrl(string view, long user, string lang, long? record = null)
    {
        var query = $"sandbox/portal?view={view}&user={user.ToString(CultureInfo.InvariantCulture)}&lang={lang}";
        if (record is { } id)
        {
            query += $"&{view}={id.ToString(CultureInfo.InvariantCulture)}";
        }

        return new Uri(BaseUrl, query);
    }

    /// <summary>Opens the portal as <paramref name="user"/> in <paramref name="lang"/> and waits until the app's frame is ready.</summary>
    public async Task<IFrame> OpenAsync(IPage page, string view, long user, string lang, long? record = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(PortalUrl(view, user, lang, record).AbsoluteUri);
        var frame = await AppFrameAsync(page);
        await WaitReadyAsync(frame);
        return frame;
    }

    /// <summary>The frame the portal named <c>DOMAIN|PROTOCOL|APP_SID</c>, once it has left about:blank.</summary>
    public static async Task<IFrame> AppFrameAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Wait)
        {
            if (AppFrame(page) is { } frame && frame.Url.Contains("/b24/placement/", StringComparison.Ordinal))
            {
                return frame;
            }

            await Task.Delay(50);
        }

        throw new AssertionException($"no app frame in the portal page; frames: {string.Join(", ", page.Frames.Select(f => $"{f.Name} {f.Url}"))}");
    }

    public static IFrame? AppFrame(IPage page) => page?.Frames.FirstOrDefault(f => f.Name.Split('|').Length == 3);

    /// <summary>The page inside the frame has rendered: its <c>h1</c> is visible and not empty.</summary>
    public static async Task<string> WaitReadyAsync(IFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var heading = frame.Locator("#app h1").First;
        await heading.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = (float)Wait.TotalMilliseconds });
        return (await heading.TextContentAsync())?.Trim() ?? "";
    }

    /// <summary>The frame messages the portal page received (<c>window.sandboxPortal.messages</c>), commands only.</summary>
    public static async Task<IReadOnlyList<string>> FrameCommandsAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<string[]>("() => window.sandboxPortal.messages.map(m => m.command)");
    }

    /// <summary>Waits until the portal page has received <paramref name="command"/> from the frame.</summary>
    public static async Task WaitForCommandAsync(IPage page, string command)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForFunctionAsync("c => window.sandboxPortal && window.sandboxPortal.messages.some(m => m.command === c)", command,
            new PageWaitForFunctionOptions { Timeout = (float)Wait.TotalMilliseconds });
    }

    /// <summary>The whole page as seen (the viewport), saved under .artifacts/screenshots/NAME.png and attached to the test.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = ScreenshotPath(name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    /// <summary>One element (a tab's frame at its width), saved and attached like <see cref="ScreenshotAsync(IPage, string)"/>.</summary>
    public static async Task<string> ScreenshotAsync(ILocator element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        var path = ScreenshotPath(name);
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        TestContext.AddTestAttachment(path, name);
        return path;
    }

    /// <summary>
    /// axe-core (the UI's own devDependency, <c>node_modules/axe-core</c>) run inside <paramref name="frame"/>: the
    /// violations of impact serious or critical, each as "rule (impact): help — N nodes: first target".
    /// </summary>
    public async Task<IReadOnlyList<string>> AxeAsync(IFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        _axe ??= await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "Connector", "Web", "Ui", "node_modules", "axe-core", "axe.min.js"));
        if (!await frame.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await frame.AddScriptTagAsync(new FrameAddScriptTagOptions { Content = _axe });
        }

        var violations = await frame.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} nodes: ${v.nodes[0].target.join(' ')} (${(v.nodes[0].failureSummary || '').replace(/\s+/g, ' ')})`)
            """);
        return violations.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
    }

    /// <summary>The size of <paramref name="body"/> gzip-compressed (what a server compressing responses would send).</summary>
    public static long GzipSize(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return buffer.Length;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrmEspBridge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"CrmEspBridge.sln not found above {AppContext.BaseDirectory}");
    }

    private static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), ".artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }
        finally
        {
            _serve.Dispose();
        }
    }
}
