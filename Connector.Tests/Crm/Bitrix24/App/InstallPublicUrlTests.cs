using System.Net;
using Connector.Crm.Bitrix24.Install;
using Connector.Sandbox;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Crm.Bitrix24.App;

/// <summary>In app mode the handler URLs bound at install come from App:PublicUrl, never from the request's Host header.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class InstallPublicUrlTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Install_ForgedHostWithPublicUrl_BindsOnThePublicUrl(CancellationToken cancellationToken)
    {
        await using var rig = await AppRig.StartAsync();

        using var response = await PostInstallAsync(rig, "evil.example", cancellationToken);
        var crm = rig.Portal.Portal;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(crm.EventBindings, Is.Not.Empty);
            Assert.That(crm.Placements, Is.Not.Empty);
            Assert.That(crm.EventBindings.Select(b => b.Handler.Authority).Concat(crm.Placements.Select(p => p.Handler.Authority)),
                Has.All.EqualTo(rig.Connector.Authority));
        });
    }

    // Before: the handlers were bound on whatever Host the install request named. Now app mode without App:PublicUrl
    // does not start at all (exit 2, one line naming the key), so no install can reach a binder without it.
    [Test]
    [CancelAfter(60_000)]
    public async Task Serve_AppModeWithoutPublicUrl_RefusesToStartNamingTheKey(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "crm-esp-tests", Guid.NewGuid().ToString("N"));
        string[] args = [$"--Store:Path={Path.Combine(folder, "m.db")}", "--Bitrix24:ClientId=local.1", "--Bitrix24:ClientSecret=secret", "--urls=http://127.0.0.1:0"];
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = await global::Connector.Cli.CliApp.RunAsync(["serve", .. args], TimeProvider.System, TestContext.CurrentContext.CancellationToken);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("App:PublicUrl: required when Bitrix24:ClientId is set"));
        });
    }

    [TestCase("local.1", null, false)]
    [TestCase("local.1", "https://connector.example/", true)]
    [TestCase(null, null, true)]
    public void Problem_AppModeWithoutPublicUrl_NamesTheKey(string? clientId, string? publicUrl, bool fine)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bitrix24:ClientId"] = clientId, ["Bitrix24:ClientSecret"] = clientId is null ? null : "secret", ["App:PublicUrl"] = publicUrl,
        }).Build();

        var problem = Connector.Cli.ConfigValidation.FirstProblem(configuration);

        Assert.That(problem, fine ? Is.Null : Does.StartWith("App:PublicUrl: required"));
    }

    // The ONAPPINSTALL form of on-app-install.md with live tokens minted by the sandbox, sent with a forged Host header.
    private static async Task<HttpResponseMessage> PostInstallAsync(AppRig rig, string host, CancellationToken cancellationToken)
    {
        var crm = rig.Portal.Portal;
        var grant = await crm.InstallAsync(new Uri("http://127.0.0.1:9/"), SandboxInstallMode.InstallEvent, cancellationToken);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(rig.Connector, "b24/install"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["event"] = "ONAPPINSTALL", ["auth[member_id]"] = crm.Options.MemberId, ["auth[access_token]"] = grant.AccessToken,
                ["auth[refresh_token]"] = grant.RefreshToken, ["auth[application_token]"] = grant.ApplicationToken, ["auth[domain]"] = host,
            }),
        };
        request.Headers.Host = host;
        return await http.SendAsync(request, cancellationToken);
    }
}
