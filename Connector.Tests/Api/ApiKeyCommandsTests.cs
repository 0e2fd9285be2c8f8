using System.Net;
using Connector.Tests.Reports;

namespace Connector.Tests.Api;

/// <summary><c>crm-esp apikey create|list|revoke</c> on the API rig's store: the key is printed once, works, and is never listed.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[NonParallelizable]
public sealed class ApiKeyCommandsTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task ApiKey_CreateThenList_NeverShowsTheKey_RevokeRefusesIt(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);

        var (ambiguous, _, ambiguousError) = await ReportCli.RunAsync(rig.StorePath, "apikey", "create");
        var (code, output, error) = await ReportCli.RunAsync(rig.StorePath, "apikey", "create", "--portal", ApiRig.PortalB);
        var key = output.Trim();
        var (listCode, list, _) = await ReportCli.RunAsync(rig.StorePath, "apikey", "list");
        using var client = rig.Client(key);
        var used = await client.GetAsync(new Uri("api/v1/contacts/1/messages", UriKind.Relative), cancellationToken);
        var (_, listed, _) = await ReportCli.RunAsync(rig.StorePath, "apikey", "list");
        var id = key.Substring(4, 8);
        var (revokeCode, _, _) = await ReportCli.RunAsync(rig.StorePath, "apikey", "revoke", id);
        var (revokeAgain, _, revokeError) = await ReportCli.RunAsync(rig.StorePath, "apikey", "revoke", id);
        var refused = await client.GetAsync(new Uri("api/v1/contacts/1/messages", UriKind.Relative), cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(ambiguous, Is.EqualTo(1));
            Assert.That(ambiguousError, Does.Contain("--portal"));
            Assert.That(code, Is.Zero, error);
            Assert.That(key, Does.Match("^ceb_[A-Za-z0-9_-]{43}$"));
            Assert.That(error, Does.Contain(id).And.Not.Contain(key));
            Assert.That(listCode, Is.Zero);
            Assert.That(list, Does.StartWith($"{id}\t{ApiRig.PortalB}\t").And.Contain("never").And.Not.Contain(key[12..]));
            Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(listed, Does.Not.Contain("never").And.Not.Contain(key[12..]).And.Contain("active"));
            Assert.That(revokeCode, Is.Zero);
            Assert.That(revokeAgain, Is.EqualTo(1));
            Assert.That(revokeError, Does.Contain(id));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ApiKey_CreateWithAName_ListsIt_RefusesTheSameNameAndABadOne(CancellationToken cancellationToken)
    {
        await using var rig = await ApiRig.StartAsync(cancellationToken);

        var (code, output, error) = await ReportCli.RunAsync(rig.StorePath, "apikey", "create", "--portal", ApiRig.PortalA, "--name", " 1C exchange ");
        var (again, _, againError) = await ReportCli.RunAsync(rig.StorePath, "apikey", "create", "--portal", ApiRig.PortalA, "--name", "1C exchange");
        var (otherPortal, _, _) = await ReportCli.RunAsync(rig.StorePath, "apikey", "create", "--portal", ApiRig.PortalB, "--name", "1C exchange");
        var (empty, _, emptyError) = await ReportCli.RunAsync(rig.StorePath, "apikey", "create", "--portal", ApiRig.PortalA, "--name", " ");
        var (tooLong, _, tooLongError) = await ReportCli.RunAsync(rig.StorePath, "apikey", "create", "--portal", ApiRig.PortalA, "--name", new string('x', 101));
        var (_, list, _) = await ReportCli.RunAsync(rig.StorePath, "apikey", "list");
        var id = output.Trim().Substring(4, 8);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, error);
            Assert.That(list.Split('\n').Single(l => l.StartsWith(id, StringComparison.Ordinal)), Does.EndWith("\tactive\t1C exchange"));
            Assert.That((again, againError.Trim()), Is.EqualTo((1, "crm-esp: apikey create: --name: a live key of this portal is already named \"1C exchange\"")));
            Assert.That(otherPortal, Is.Zero, "names are unique per portal");
            Assert.That((empty, emptyError.Trim()), Is.EqualTo((2, "crm-esp: apikey create: --name: a name is required (what the key is for, e.g. \"1C exchange\")")));
            Assert.That((tooLong, tooLongError.Trim()), Is.EqualTo((2, "crm-esp: apikey create: --name: at most 100 characters")));
        });
    }
}
