namespace Connector.Tests.Segments;

/// <summary>Every operator, field shape and engagement condition on <see cref="SampleMirror"/>, through the real SQL.</summary>
[CancelAfter(60_000)]
public sealed class SegmentOperatorTests
{
    private SegmentRig _rig = null!;

    [OneTimeSetUp]
    public async Task CreateMirror()
    {
        _rig = new SegmentRig();
        await _rig.WriteAsync(SampleMirror.Model, TestContext.CurrentContext.CancellationToken);
    }

    [OneTimeTearDown]
    public void Dispose() => _rig.Dispose();

    [TestCase("contact.name = \"Anna\"", new long[] { 1 })]
    [TestCase("contact.name != \"Anna\"", new long[] { 2, 3, 4, 6 })]
    [TestCase("contact.name < \"B\"", new long[] { 1 })]
    [TestCase("contact.name <= \"Bob\"", new long[] { 1, 2 })]
    [TestCase("contact.name > \"Bob\"", new long[] { 4, 6 })]
    [TestCase("contact.name >= \"Bob\"", new long[] { 2, 4, 6 })]
    [TestCase("contact.name contains \"nn\"", new long[] { 1 })]
    [TestCase("contact.name starts with \"An\"", new long[] { 1 })]
    [TestCase("contact.name in (\"Bob\", \"Анна\")", new long[] { 2, 6 })]
    [TestCase("contact.name not in (\"Bob\", \"Анна\")", new long[] { 1, 3, 4 })]
    [TestCase("contact.name is empty", new long[] { 3 })]
    [TestCase("contact.name is not empty", new long[] { 1, 2, 4, 6 })]
    [TestCase("contact.last_name = \"Ivanova\"", new long[] { 1 })]
    [TestCase("contact.email = \"bob@mail.ru\"", new long[] { 2 })]
    [TestCase("contact.email != \"bob@mail.ru\"", new long[] { 1, 3, 4, 6 })]
    [TestCase("contact.email contains \"example.org\"", new long[] { 1, 6 })]
    [TestCase("contact.email starts with \"BOSS\"", new long[] { 2 })]
    [TestCase("contact.email in ('anna@example.org', 'o''brien@x.io')", new long[] { 1, 4 })]
    [TestCase("contact.email is empty", new long[] { 3 })]
    [TestCase("contact.email is not empty", new long[] { 1, 2, 4, 6 })]
    [TestCase("contact.id = 2", new long[] { 2 })]
    [TestCase("contact.id != 2", new long[] { 1, 3, 4, 6 })]
    [TestCase("contact.id < 2", new long[] { 1 })]
    [TestCase("contact.id <= 2", new long[] { 1, 2 })]
    [TestCase("contact.id > 3", new long[] { 4, 6 })]
    [TestCase("contact.id >= 6", new long[] { 6 })]
    [TestCase("contact.id in (1, 3)", new long[] { 1, 3 })]
    [TestCase("contact.id not in (1, 3)", new long[] { 2, 4, 6 })]
    [TestCase("contact.assigned = 7", new long[] { 1 })]
    [TestCase("contact.assigned is empty", new long[] { 2, 3, 4, 6 })]
    [TestCase("contact.created > 30 days ago", new long[] { 1, 4 })]
    [TestCase("contact.created >= 2 days ago", new long[] { 4 })]
    [TestCase("contact.created >= 1 week ago", new long[] { 4 })]
    [TestCase("contact.created >= 48 hours ago", new long[] { 4 })]
    [TestCase("contact.created >= today", new long[0])]
    [TestCase("contact.created < now", new long[] { 1, 2, 4, 6 })]
    [TestCase("contact.created < 2026-01-01", new long[] { 2, 6 })]
    [TestCase("contact.created <= 2025-01-10", new long[] { 6 })]
    [TestCase("contact.created is empty", new long[] { 3 })]
    [TestCase("contact.created is not empty", new long[] { 1, 2, 4, 6 })]
    [TestCase("contact.custom.UF_CRM_CITY = \"Казань\"", new long[] { 1 })]
    [TestCase("contact.custom.UF_CRM_TAGS contains \"vi\"", new long[] { 1 })]
    [TestCase("contact.custom.UF_CRM_TAGS in (\"b2b\", \"x\")", new long[] { 1 })]
    [TestCase("contact.custom.UF_CRM_TAGS != \"vip\"", new long[] { 2, 3, 4, 6 })]
    [TestCase("contact.custom.UF_CRM_CITY is empty", new long[] { 2, 3, 4, 6 })]
    [TestCase("contact.custom.UF_CRM_CITY is not empty", new long[] { 1 })]
    [TestCase("deal.stage = \"WON\"", new long[] { 1 })]
    [TestCase("deal.stage in (\"WON\", \"LOSE\")", new long[] { 1, 2 })]
    [TestCase("not deal.stage = \"WON\"", new long[] { 2, 3, 4, 6 })]
    [TestCase("deal.stage_name = \"Lost\"", new long[] { 2 })]
    [TestCase("deal.pipeline = 1", new long[] { 1, 2 })]
    [TestCase("deal.pipeline_name = \"Партнёры\"", new long[] { 1, 2 })]
    [TestCase("deal.status = \"won\"", new long[] { 1 })]
    [TestCase("deal.status = \"lost\"", new long[] { 2 })]
    [TestCase("deal.amount > 100", new long[] { 1 })]
    [TestCase("deal.amount >= 99.5", new long[] { 1, 2 })]
    [TestCase("deal.amount < 100", new long[] { 1, 2 })]
    [TestCase("deal.amount is empty", new long[] { 2 })]
    [TestCase("deal.title is empty", new long[] { 1, 2 })]
    [TestCase("deal.custom.UF_CRM_SRC = \"ads\"", new long[] { 1 })]
    [TestCase("any deal (deal.stage = \"WON\" and deal.amount < 100)", new long[0])]
    [TestCase("deal.stage = \"WON\" and deal.amount < 100", new long[] { 1 })]
    [TestCase("any deal (deal.pipeline = 1 and deal.amount < 100)", new long[] { 1, 2 })]
    [TestCase("opened", new long[] { 1 })]
    [TestCase("opened in last 3 days", new long[0])]
    [TestCase("opened in last 7 days", new long[] { 1 })]
    [TestCase("opened since 2026-06-01", new long[] { 1 })]
    [TestCase("never opened", new long[] { 2, 3, 4, 6 })]
    [TestCase("clicked", new long[] { 2 })]
    [TestCase("clicked in last 30 days", new long[0])]
    [TestCase("never clicked", new long[] { 1, 3, 4, 6 })]
    [TestCase("hard bounced", new long[] { 2 })]
    [TestCase("unsubscribed", new long[] { 4 })]
    [TestCase("unsubscribed from \"Newsletter\"", new long[] { 1, 4 })]
    [TestCase("suppressed", new long[] { 2, 4 })]
    [TestCase("in scenario \"welcome\"", new long[] { 1 })]
    [TestCase("in scenario \"promo\"", new long[] { 2 })]
    [TestCase("not in scenario \"welcome\"", new long[] { 2, 3, 4, 6 })]
    [TestCase("in scenario \"welcome\" or in scenario \"promo\"", new long[] { 1, 2 })]
    [TestCase("contact.name = \"Anna\" or contact.name = \"Bob\"", new long[] { 1, 2 })]
    [TestCase("(opened or clicked) and not hard bounced", new long[] { 1 })]
    [TestCase("NOT (contact.id = 1 OR contact.id = 2) AND contact.email IS NOT EMPTY", new long[] { 4, 6 })]
    public async Task Expression_OnTheSampleMirror_SelectsTheseContacts(string expression, long[] expected)
    {
        var ids = await _rig.IdsAsync(expression, TestContext.CurrentContext.CancellationToken);

        Assert.That(ids, Is.EqualTo(expected));
    }

    [Test]
    public async Task Count_OfPortalTwo_IsItsOwn_NotPortalOnes()
    {
        var ct = TestContext.CurrentContext.CancellationToken;
        var prepared = await _rig.Evaluator.PrepareAsync("opened", ct);

        var (one, two) = (await _rig.Queries.CountAsync(1, prepared.Sql!, ct), await _rig.Queries.CountAsync(2, prepared.Sql!, ct));

        Assert.Multiple(() =>
        {
            Assert.That(one, Is.EqualTo(1));
            Assert.That(two, Is.EqualTo(1), "portal 2's own hit is on contact 4");
        });
    }
}
