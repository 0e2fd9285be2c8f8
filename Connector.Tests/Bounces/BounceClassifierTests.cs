using Connector.Bounces;

namespace Connector.Tests.Bounces;

[CancelAfter(10_000)]
public sealed class BounceClassifierTests
{
    [TestCase("5.1.1", BounceKind.Hard)]
    [TestCase("5.1.2", BounceKind.Hard)]
    [TestCase("5.1.10", BounceKind.Hard)]
    [TestCase("5.2.1", BounceKind.Hard)]
    [TestCase("4.2.2", BounceKind.Soft)]
    [TestCase("4.4.1", BounceKind.Soft)]
    [TestCase("5.2.2", BounceKind.Soft)]
    [TestCase("5.4.4", BounceKind.Soft)]
    [TestCase("5.0.0", BounceKind.Soft)]
    [TestCase("5.7.1", BounceKind.Policy)]
    [TestCase("5.7.26", BounceKind.Policy)]
    [TestCase("4.7.0", BounceKind.Policy)]
    [TestCase("5.6.0", BounceKind.Policy)]
    [TestCase("5.3.4", BounceKind.Policy)]
    public void Classify_StatusCode_Kind(string status, BounceKind expected) =>
        Assert.That(BounceClassifier.Classify(status), Is.EqualTo(expected));

    [TestCase("2.0.0")]
    [TestCase("2.1.5")]
    [TestCase("failed")]
    [TestCase("5.1")]
    public void Classify_DeliveredOrNoCode_Null(string status) => Assert.That(BounceClassifier.Classify(status), Is.Null);

    [TestCase("5.0.0", "smtp; 550 5.1.1 <a@b.example>: Recipient address rejected", "5.1.1")]
    [TestCase("5.0.0", "smtp; 550 no such user", "5.0.0")]
    [TestCase("4.0.0", "smtp; 550 5.1.1 user unknown", "4.0.0")]
    [TestCase("4.2.2", "smtp; 452 4.2.2 Mailbox full", "4.2.2")]
    [TestCase(null, "smtp; 550 5.7.1 blocked", "5.7.1")]
    public void EffectiveStatus_BareClassCode_TakesThePreciseDiagnosticCodeOfTheSameClass(string? status, string diagnostic, string expected) =>
        Assert.That(BounceClassifier.EffectiveStatus(status, diagnostic), Is.EqualTo(expected));
}
