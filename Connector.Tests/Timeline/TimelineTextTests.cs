using Connector.Crm.Bitrix24.Timeline;
using Connector.Timeline;

namespace Connector.Tests.Timeline;

/// <summary>Titles and texts in ru/en, escaping for the CRM, and the fan-out of one fact into its entries.</summary>
[TestFixture]
[CancelAfter(10_000)]
public sealed class TimelineTextTests
{
    [TestCase("ru", TimelineKind.Clicked, "Переход по ссылке в письме", "Рассылка «Promo», письмо №42. Ссылка: https://x.example/?a=1&b=2")]
    [TestCase("en", TimelineKind.Clicked, "Link clicked in an e-mail", "Mailing \"Promo\", message #42. Link: https://x.example/?a=1&b=2")]
    [TestCase("en-US", TimelineKind.BounceHard, "E-mail bounced (address does not exist)", "Mailing \"Promo\", message #42.")]
    [TestCase("ru", TimelineKind.Complaint, "Жалоба на спам", "Рассылка «Promo», письмо №42.")]
    public void For_Language_TitleAndTextWithNameLinkAndNumber(string language, TimelineKind kind, string title, string text)
    {
        var entry = new TimelineEntry
        {
            Id = 1, PortalId = 1, ContactId = 5, LedgerId = 42, Kind = kind, Action = TimelineAction.LogContact, Name = "Promo",
            Url = "https://x.example/?a=1&b=2", OccurredAt = DateTimeOffset.UnixEpoch, Attempts = 0, Uncertain = false, NextAttemptAt = DateTimeOffset.UnixEpoch,
        };

        Assert.That(TimelineText.For(entry, language), Is.EqualTo((title, text)));
    }

    [TestCase("<script>[url=x]y[/url]</script> & \"q\"", "&lt;script&gt;&#91;url=x&#93;y&#91;/url&#93;&lt;/script&gt; &amp; &quot;q&quot;")]
    [TestCase("line\nnext\u0007bell", "line\nnextbell")]
    public void Escape_CrmData_NoMarkupSurvives(string value, string escaped) =>
        Assert.That(Bitrix24TimelineText.Escape(value, 1000), Is.EqualTo(escaped));

    [Test]
    public void Entries_UnsubscribeOnDealWithTriggers_LogOnBothOptOutAndOneTrigger()
    {
        var fact = new TimelineFact(1, 5, 9, 42, TimelineKind.Unsubscribed, "Promo", null, DateTimeOffset.UnixEpoch);

        var entries = TimelineFanOut.Entries(fact, triggers: true);
        var withoutDeal = TimelineFanOut.Entries(fact with { DealId = null }, triggers: true);

        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => (e.DedupeKey, e.Action)), Is.EqualTo(new[]
            {
                ("unsubscribed:42:contact", TimelineAction.LogContact), ("unsubscribed:42:deal", TimelineAction.LogDeal),
                ("opt_out:42", TimelineAction.OptOut), ("trigger:unsubscribed:42", TimelineAction.Trigger),
            }));
            Assert.That(withoutDeal.Select(e => e.Action), Is.EqualTo(new[] { TimelineAction.LogContact, TimelineAction.OptOut }));
        });
    }

    [Test]
    public void Entries_MessageWithoutACrmContact_OnlyTheDealsEntriesNoContactNoOptOut()
    {
        // An API send to an address no mirrored contact holds has contact 0: there is no contact to write on or mark.
        var fact = new TimelineFact(1, 0, 9, 42, TimelineKind.Unsubscribed, "Promo", null, DateTimeOffset.UnixEpoch);

        Assert.Multiple(() =>
        {
            Assert.That(TimelineFanOut.Entries(fact, triggers: true).Select(e => e.Action), Is.EqualTo(new[] { TimelineAction.LogDeal, TimelineAction.Trigger }));
            Assert.That(TimelineFanOut.Entries(fact with { DealId = null }, triggers: true), Is.Empty);
        });
    }

    [Test]
    public void Entries_TwoLinksOfOneMessage_TwoEntriesOneTriggerKey()
    {
        var a = TimelineFanOut.Entries(new TimelineFact(1, 5, 9, 42, TimelineKind.Clicked, "P", "https://a.example/", DateTimeOffset.UnixEpoch), true);
        var b = TimelineFanOut.Entries(new TimelineFact(1, 5, 9, 42, TimelineKind.Clicked, "P", "https://b.example/", DateTimeOffset.UnixEpoch), true);

        Assert.Multiple(() =>
        {
            Assert.That(a[0].DedupeKey, Is.Not.EqualTo(b[0].DedupeKey));
            Assert.That(a.Single(e => e.Action == TimelineAction.Trigger).DedupeKey, Is.EqualTo(b.Single(e => e.Action == TimelineAction.Trigger).DedupeKey));
        });
    }
}
