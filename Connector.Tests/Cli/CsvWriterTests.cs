using Connector.Cli;

namespace Connector.Tests.Cli;

[CancelAfter(120_000)]
public sealed class CsvWriterTests
{
    [Test]
    public void Line_FormulaLikeCells_PrefixedWithApostrophe()
    {
        var line = CsvWriter.Line("=HYPERLINK(\"http://evil\")", "+7 900", "-1", "@SUM(A1)", "\tx", "\rx", "Анна", "a=b", "");

        Assert.That(line, Is.EqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\",'+7 900,'-1,'@SUM(A1),'\tx,\"'\rx\",Анна,a=b,"));
    }

    [Test]
    public void Line_PlainCells_QuotedOnlyWhenNeeded() =>
        Assert.That(CsvWriter.Line("1", "a,b", "a;b", "say \"hi\"", null), Is.EqualTo("1,\"a,b\",\"a;b\",\"say \"\"hi\"\"\","));
}
