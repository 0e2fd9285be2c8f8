using Connector.Sandbox;
using Microsoft.Extensions.Time.Testing;

namespace Connector.Tests.Sandbox;

[CancelAfter(120_000)]
public sealed class SandboxSeederTests
{
    private static SandboxPortal CreateSut(int seed = 42) =>
        new(new SandboxOptions { Seed = seed }, new FakeTimeProvider(SandboxTestHost.Start));

    [Test]
    public void Seed_SameSeed_ProducesIdenticalData()
    {
        var first = CreateSut();
        var second = CreateSut();

        Assert.Multiple(() =>
        {
            Assert.That(second.Contacts.Select(Describe), Is.EqualTo(first.Contacts.Select(Describe)));
            Assert.That(second.Deals.Select(d => (d.Id, d.StageId, d.Opportunity, string.Join(',', d.ContactIds))),
                Is.EqualTo(first.Deals.Select(d => (d.Id, d.StageId, d.Opportunity, string.Join(',', d.ContactIds)))));
            Assert.That(second.History, Is.EqualTo(first.History));
            Assert.That(CreateSut(7).Contacts.Select(Describe), Is.Not.EqualTo(first.Contacts.Select(Describe)));
        });
    }

    [Test]
    public void Seed_DistinctEmails_EveryContactsFirstAddressIsItsOwnAndTheRestOfTheDataIsUnchanged()
    {
        var time = new FakeTimeProvider(SandboxTestHost.Start);
        var plain = new SandboxPortal(new SandboxOptions { Contacts = 5000, Deals = 500 }, time);
        var distinct = new SandboxPortal(new SandboxOptions { Contacts = 5000, Deals = 500, DistinctEmails = true }, time);
        // The first address of each contact past the fixed quirky ones, unless it drew one of the quirky values (3 %).
        var generated = distinct.Contacts.Where(c => c.Id > 10 && c.Emails.Count > 0)
            .Select(c => c.Emails[0].Value).Where(v => System.Text.RegularExpressions.Regex.IsMatch(v, @"\.\d+@")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(plain.Contacts.SelectMany(c => c.Emails.Take(1)).Select(e => e.Value).Distinct().Count(), Is.LessThan(2500), "by default names repeat");
            Assert.That(generated, Is.Unique);
            Assert.That(generated, Has.Count.GreaterThan(3000));
            Assert.That(distinct.Contacts.Select(c => (c.Id, c.Name, c.LastName, c.Emails.Count)), Is.EqualTo(plain.Contacts.Select(c => (c.Id, c.Name, c.LastName, c.Emails.Count))));
            Assert.That(distinct.Deals.Select(d => (d.Id, d.StageId, string.Join(',', d.ContactIds))), Is.EqualTo(plain.Deals.Select(d => (d.Id, d.StageId, string.Join(',', d.ContactIds)))));
        });
    }

    [Test]
    public void Seed_Default_ContainsQuirkyEmails()
    {
        var emails = CreateSut().Contacts.SelectMany(c => c.Emails).Select(e => e.Value).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(emails, Does.Contain("ivan@почта.рф").And.Contain("info@пример.рф").And.Contain("hans@müller.de"));
            Assert.That(emails, Does.Contain("Ivan@MAIL.RU"));
            Assert.That(emails, Does.Contain("  petrov@yandex.ru "));
            Assert.That(emails, Does.Contain("ivan@").And.Contain("no-at-sign").And.Contain("a@b@c").And.Contain("x@-bad-.ru"));
        });
    }

    [Test]
    public void Seed_Default_HistoryIsConsistentWithDeals()
    {
        var sut = CreateSut();
        var history = sut.History;

        Assert.Multiple(() =>
        {
            Assert.That(sut.Deals, Has.Count.EqualTo(400));
            Assert.That(sut.Deals.Select(d => d.CategoryId).Distinct(), Is.EquivalentTo(new[] { 0, 1, 2 }));
            Assert.That(history.Select(h => h.Id), Is.Ordered.Ascending);
            Assert.That(history.Select(h => h.CreatedTime), Is.Ordered.Ascending);
            Assert.That(history.Max(h => h.CreatedTime), Is.LessThan(SandboxTestHost.Start));
            foreach (var deal in sut.Deals)
            {
                var rows = history.Where(h => h.OwnerId == deal.Id).ToList();
                Assert.That(rows[0].TypeId, Is.EqualTo(1));
                Assert.That(rows[^1].StageId, Is.EqualTo(deal.StageId));
                Assert.That(rows[^1].CreatedTime, Is.EqualTo(deal.MovedTime));
                Assert.That(rows.Count, Is.InRange(1, 4));
                Assert.That(deal.DateModify, Is.LessThan(SandboxTestHost.Start).And.GreaterThanOrEqualTo(deal.MovedTime));
            }
        });
    }

    private static string Describe(SandboxContact c) =>
        $"{c.Id}|{c.Name}|{c.SecondName}|{c.LastName}|{c.DateModify:O}|{string.Join(',', c.Emails.Select(e => e.Id + e.ValueType + e.Value))}";
}
