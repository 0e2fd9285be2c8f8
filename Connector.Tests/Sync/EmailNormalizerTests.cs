using Connector.Sync;

namespace Connector.Tests.Sync;

[CancelAfter(120_000)]
public sealed class EmailNormalizerTests
{
    [TestCase(" Ivan@MAIL.RU ", "Ivan@mail.ru", true)]
    [TestCase("info@почта.рф", "info@xn--80a1acny.xn--p1ai", true)]
    [TestCase("hans@Müller.de", "hans@xn--mller-kva.de", true)]
    [TestCase("ivan@", "ivan@", false)]
    [TestCase("no-at-sign", "no-at-sign", false)]
    [TestCase("a@b@c.ru", "a@b@c.ru", false)]
    [TestCase("x@-bad-.ru", "x@-bad-.ru", false)]
    [TestCase("x@localhost", "x@localhost", false)]
    public void Normalize_Value_AddressAndValidity(string raw, string address, bool valid)
    {
        var result = EmailNormalizer.Normalize(new CrmEmail(raw, "WORK"));

        Assert.Multiple(() =>
        {
            Assert.That(result.Address, Is.EqualTo(address));
            Assert.That(result.IsValid, Is.EqualTo(valid), result.InvalidReason);
            Assert.That(result.Raw, Is.EqualTo(raw), "the CRM value is kept as it was");
            Assert.That(result.InvalidReason is null, Is.EqualTo(valid));
        });
    }
}
