using Connector.Sending.Hygiene;

namespace Connector.Tests.Sending;

/// <summary>The vendored role and disposable lists, as the import uses them.</summary>
[CancelAfter(120_000)]
public sealed class HygieneListsTests
{
    [Test]
    public void Lists_Loaded_WholeVendoredLists()
    {
        Assert.That(HygieneLists.DisposableCount, Is.EqualTo(121_570));
        Assert.That(HygieneLists.RoleCount, Is.EqualTo(1_018));
    }

    [TestCase("mailinator.com", true)]
    [TestCase("YOPMAIL.COM", true)]
    [TestCase("33mail.com", true)]
    [TestCase("anna.33mail.com", true)]
    [TestCase("a.b.33mail.com", true)]
    [TestCase("gmail.com", false)]
    [TestCase("yandex.ru", false)]
    [TestCase("mail.ru", false)]
    [TestCase("example.org", false)]
    [TestCase("com", false)]
    public void IsDisposable_ListedWildcardOrNot(string domain, bool disposable) =>
        Assert.That(HygieneLists.IsDisposable(domain), Is.EqualTo(disposable));

    [TestCase("info", true)]
    [TestCase("Sales", true)]
    [TestCase("zakaz", true)]
    [TestCase("postmaster", true)]
    [TestCase("anna", false)]
    [TestCase("ivan.petrov", false)]
    public void IsRole_VendoredNames(string local, bool role) =>
        Assert.That(HygieneLists.IsRole(local), Is.EqualTo(role));
}
