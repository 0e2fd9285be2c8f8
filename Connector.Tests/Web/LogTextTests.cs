using Connector.Web;

namespace Connector.Tests.Web;

[CancelAfter(120_000)]
public sealed class LogTextTests
{
    [TestCase("plain", "plain")]
    [TestCase("a\r\nb", "a\\r\\nb")]
    [TestCase("\u001b[31mred", "\\e[31mred")]
    [TestCase("nul\0bell\a", "nul\\x00bell\\x07")]
    [TestCase("back\\slash", "back\\\\slash")]
    [TestCase("line\u2028sep", "line\\u2028sep")]
    [TestCase(null, "(null)")]
    public void Safe_ControlCharacters_Escaped(string? text, string expected) =>
        Assert.That(LogText.Safe(text), Is.EqualTo(expected));

    [Test]
    public void Safe_60KilobyteText_CappedWithTheOriginalLength()
    {
        var safe = LogText.Safe(new string('A', 60 * 1024));

        Assert.That(safe, Is.EqualTo(new string('A', 200) + "…[61440 chars]"));
    }
}
