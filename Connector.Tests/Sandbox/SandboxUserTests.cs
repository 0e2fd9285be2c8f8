using Connector.Sandbox;

namespace Connector.Tests.Sandbox;

/// <summary>
/// The sandbox's users: tokens belong to a user, user.current and user.admin answer for that user
/// (api-reference/user/user-current.md, api-reference/common/users/user-admin.md), user.get lists them in pages of 50
/// with string IDs (api-reference/user/user-get.md).
/// </summary>
[CancelAfter(60_000)]
public sealed class SandboxUserTests
{
    [Test]
    public async Task PlacementTokens_BelongToTheViewer_UserAdminAnswersForThem(CancellationToken cancellationToken)
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var install = await rig.InstallAsync();
        await rig.CallAsync("placement.bind", new { PLACEMENT = "CRM_DEAL_DETAIL_TAB", HANDLER = rig.App.Url("tab").ToString(), TITLE = "t" }, install.AccessToken);
        var admin = (await rig.Portal.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", 1, false, cancellationToken)).AuthId;
        var manager = (await rig.Portal.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", 1, false, cancellationToken, SandboxUsers.ManagerId)).AuthId;

        var adminIsAdmin = await rig.CallAsync("user.admin", new { }, admin);
        var managerIsAdmin = await rig.CallAsync("user.admin", new { }, manager);
        var managerCurrent = await rig.CallAsync("user.current", new { }, manager);
        var adminCurrent = await rig.CallAsync("user.current", new { }, admin);

        Assert.Multiple(() =>
        {
            Assert.That(adminIsAdmin.Body["result"]!.GetValue<bool>(), Is.True);
            Assert.That(managerIsAdmin.Body["result"]!.GetValue<bool>(), Is.False);
            Assert.That(managerCurrent.Body["result"]!["ID"]!.GetValue<string>(), Is.EqualTo("7"));
            Assert.That(managerCurrent.Body["result"]!["NAME"]!.GetValue<string>(), Is.EqualTo("Анна"));
            Assert.That(adminCurrent.Body["result"]!["ID"]!.GetValue<string>(), Is.EqualTo("1"));
            Assert.That(install.AccessToken, Is.Not.Null);
            Assert.ThrowsAsync<InvalidOperationException>(() => rig.Portal.OpenPlacementAsync("CRM_DEAL_DETAIL_TAB", 1, false, cancellationToken, 404));
        });
    }

    [Test]
    public async Task UserGet_ListsByFilter_WithStringIds(CancellationToken cancellationToken)
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var token = (await rig.InstallAsync()).AccessToken;

        var all = await rig.CallAsync("user.get", new { }, token);
        var some = await rig.CallAsync("user.get", new { FILTER = new Dictionary<string, object> { ["@ID"] = new[] { "7", "9" } } }, token);
        var one = await rig.CallAsync("user.get", new { filter = new { ID = "9" } }, token);

        Assert.Multiple(() =>
        {
            Assert.That(all.Body["result"]!.AsArray(), Has.Count.EqualTo(9));
            Assert.That(all.Body["total"]!.GetValue<int>(), Is.EqualTo(9));
            Assert.That(all.Body["result"]!.AsArray()[0]!["ID"]!.GetValue<string>(), Is.EqualTo("1"));
            Assert.That(some.Body["result"]!.AsArray().Select(u => u!["ID"]!.GetValue<string>()), Is.EqualTo(new[] { "7", "9" }));
            Assert.That(one.Body["result"]!.AsArray().Single()!["LAST_NAME"]!.GetValue<string>(), Is.EqualTo("Orlov"));
        });
    }

    [Test]
    public async Task EverySeededOwner_IsAUserThatUserGetAnswers_AndOnlyTheInstallerIsAdmin(CancellationToken cancellationToken)
    {
        await using var rig = await SandboxAppRig.StartAsync();
        var token = (await rig.InstallAsync()).AccessToken;

        var users = (await rig.CallAsync("user.get", new { }, token)).Body["result"]!.AsArray()
            .Select(u => long.Parse(u!["ID"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var owners = rig.Portal.Deals.Select(d => d.AssignedById).Concat(rig.Portal.Contacts.Select(c => c.AssignedById)).ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(owners, Is.Not.Empty);
            Assert.That(owners.Except(users), Is.Empty, "every deal and contact owner is a portal user");
            Assert.That(rig.Portal.Users.Where(u => u.IsAdmin).Select(u => u.Id), Is.EqualTo(new long[] { 1 }));
            Assert.That(rig.Portal.Users.Select(u => u.Id), Is.Unique);
        });
    }
}
