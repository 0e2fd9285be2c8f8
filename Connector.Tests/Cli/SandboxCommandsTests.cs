using Connector.Cli;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Connector.Tests.Cli;

[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SandboxCommandsTests
{
    [TestCase("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [TestCase("http://127.0.0.1:5080/", "http://127.0.0.1:5080/")]
    [TestCase("https://crm.example.com/esp", "https://crm.example.com/esp/")]
    [TestCase(" http://localhost:5080/esp/?x=1 ", "http://localhost:5080/esp/")]
    public void ServeUrl_AbsoluteHttp_BaseWithTrailingSlash(string text, string expected) =>
        Assert.That(SandboxCommands.ServeUrl(text)?.AbsoluteUri, Is.EqualTo(expected));

    [TestCase("127.0.0.1:5080")]
    [TestCase("not a url")]
    [TestCase("ftp://127.0.0.1/")]
    [TestCase("/relative/path")]
    [TestCase("")]
    public void ServeUrl_NotAbsoluteHttp_Null(string text) => Assert.That(SandboxCommands.ServeUrl(text), Is.Null);

    [TestCase("")]
    [TestCase("/")]
    [CancelAfter(30_000)]
    public async Task MoveDeal_UrlWithOrWithoutTrailingSlash_PostsToTheSandboxAndExitsZero(string tail, CancellationToken cancellationToken)
    {
        using var server = WireMockServer.Start();
        server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/sandbox/rest/*/crm.deal.update")).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"result":true}"""));
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));

        var (code, output, error) = await CliRun.RunAsync(folder, "sandbox", "move-deal", "--deal", "7", "--stage", "WON", "--url", server.Url + tail);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("deal 7 moved to WON"));
            Assert.That(server.LogEntries.Count, Is.EqualTo(1));
        });
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task PlaceRobot_RunningSandbox_PlacesTheRobotWithItsPropertiesOnTheStage(CancellationToken cancellationToken)
    {
        await using var sandbox = await Connector.Tests.Sandbox.SandboxTestHost.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));

        var (code, output, error) = await CliRun.RunAsync(folder, "sandbox", "place-robot", "--stage", "PREPARATION", "--template", "proposal", "--delay", "2h",
            "--url", sandbox.Host.BaseUrl.AbsoluteUri);
        var (unknownStage, _, stageError) = await CliRun.RunAsync(folder, "sandbox", "place-robot", "--stage", "NOWHERE", "--template", "proposal", "--url", sandbox.Host.BaseUrl.AbsoluteUri);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(output, Does.Contain("robot crmespbridge_send_email placed on PREPARATION"));
            var placed = sandbox.Portal.PlacedRobots.Single();
            Assert.That((placed.Code, placed.Stage, placed.Properties["template"], placed.Properties["delay"], placed.Properties["kind"]),
                Is.EqualTo(("crmespbridge_send_email", "PREPARATION", "proposal", "2h", "marketing")));
            Assert.That(unknownStage, Is.EqualTo(1));
            Assert.That(stageError, Does.Contain("no deal stage NOWHERE"));
        });
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    public async Task MoveDeal_BadUrl_ExitTwoAndOneLineNamingTheOption()
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));

        var (code, _, error) = await CliRun.RunAsync(folder, "sandbox", "move-deal", "--deal", "7", "--stage", "WON", "--url", "127.0.0.1:5080");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain("--url").And.Not.Contain("Unhandled"));
        });
    }
}
