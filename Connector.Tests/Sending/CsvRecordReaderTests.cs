using Connector.Sending.Hygiene;

namespace Connector.Tests.Sending;

[CancelAfter(120_000)]
public sealed class CsvRecordReaderTests
{
    private static async Task<List<CsvRecord>> ReadAsync(char delimiter, string text)
    {
        var records = new List<CsvRecord>();
        await foreach (var record in new CsvRecordReader(delimiter).ReadAsync(new StringReader(text), TestContext.CurrentContext.CancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    [Test]
    public async Task ReadAsync_QuotedFields_DelimitersDoubledQuotesAndLineBreaksKeptAndStartLineNamed()
    {
        var records = await ReadAsync(',', "a@example.org,\"Smith, Anna\"\r\nb@example.org,\"say \"\"hi\"\"\"\n\"c@example.org\",\"two\nlines\"\nd@example.org,x\"y\n");

        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Line), Is.EqualTo(new[] { 1, 2, 3, 5 }));
            Assert.That(records.Select(r => r.Fields), Is.EqualTo(new[]
            {
                new[] { "a@example.org", "Smith, Anna" }, ["b@example.org", "say \"hi\""], ["c@example.org", "two\nlines"], ["d@example.org", "x\"y"],
            }));
            Assert.That(records[2].Raw, Is.EqualTo("\"c@example.org\",\"two\nlines\""));
        });
    }

    [Test]
    public async Task ReadAsync_Semicolons_SplitOnSemicolonOnly() =>
        Assert.That((await ReadAsync(';', "a@example.org;Anna, Maria;\"x;y\"")).Single().Fields, Is.EqualTo(new[] { "a@example.org", "Anna, Maria", "x;y" }));

    [TestCase("email;name", ';')]
    [TestCase("email,name", ',')]
    [TestCase("a@example.org", ',')]
    [TestCase("\"a;b\",c", ',')]
    [TestCase("id;name;\"x,y,z\"", ';')]
    public void Sniff_FirstLine_DelimiterOutsideQuotes(string line, char expected) => Assert.That(CsvRecordReader.Sniff(line), Is.EqualTo(expected));
}
