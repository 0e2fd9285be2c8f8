using System.Text.Json;
using System.Text.RegularExpressions;
using Connector.Templates;

namespace Connector.Tests.Templates;

/// <summary>
/// The shipped block template laid out by a real browser (Debian's Chromium, headless): on a narrow screen the letter
/// shrinks to the screen and its two-column blocks stack; on a wide one it is 600 px with columns side by side.
/// Headless Chromium will not make a window narrower than 500 px, which is still below the letter's 620 px breakpoint.
/// </summary>
[Category("Peers")]
[CancelAfter(120_000)]
public sealed partial class BlockLayoutBrowserTests
{
    private const string Measure = """
        <script>window.addEventListener('load', () => {
          const box = e => e.getBoundingClientRect();
          const right = Math.max(...[...document.body.querySelectorAll('*')].map(e => box(e).right));
          const container = document.querySelector('.container');
          const columns = [...document.querySelectorAll('.column')].map(e => ({ left: Math.round(box(e).left), top: Math.round(box(e).top) }));
          document.body.setAttribute('data-measure', JSON.stringify({ viewport: document.documentElement.clientWidth, right: Math.round(right), container: Math.round(box(container).width), columns }));
        });</script>
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Test]
    public async Task Layout_NarrowScreen_FitsTheScreenAndColumnsStack()
    {
        var layout = await LayoutAsync(375);
        Assert.Multiple(() =>
        {
            Assert.That(layout.Viewport, Is.LessThan(600));
            Assert.That(layout.Right, Is.LessThanOrEqualTo(layout.Viewport), "something sticks out to the right: the reader would scroll sideways");
            Assert.That(layout.Container, Is.EqualTo(layout.Viewport));
            Assert.That(layout.Columns.Select(c => c.Left).Distinct().Count(), Is.EqualTo(1), "columns side by side on a narrow screen");
        });
    }

    [Test]
    public async Task Layout_WideScreen_600PixelsWithColumnsSideBySide()
    {
        var layout = await LayoutAsync(1024);
        Assert.Multiple(() =>
        {
            Assert.That(layout.Container, Is.EqualTo(600));
            Assert.That(layout.Right, Is.LessThanOrEqualTo(layout.Viewport));
            Assert.That(layout.Columns.GroupBy(c => c.Top).All(row => row.Count() == 2), Is.True, "two columns a row");
        });
    }

    private static async Task<Layout> LayoutAsync(int width)
    {
        var file = TemplateFile.Parse(await File.ReadAllTextAsync(Path.Combine(Sending.Peers.RepoRoot, "manifests", "templates", "november-sale.json")), "november-sale");
        var data = TemplateData.From(
            new TemplateContact(7, "Анна", "Петрова", null, "anna@example.org", "ru-RU", new Dictionary<string, string?>()),
            [new TemplateDeal(3, "Заказ №3", "NEW", "Новая", "Продажи", 12500m, "RUB", false, false)],
            new TemplateSender("Example Shop", "news@example.com", "Example Shop LLC", "1 Tverskaya st., Moscow 125009", "https://shop.example.com"),
            "https://t.example.com/t/u/TOKEN");
        var html = new TemplateRenderer().Render(new TemplateCompiler().Compile(file).Template!, data).Html;
        var page = Path.Combine(Directory.CreateTempSubdirectory("layout-").FullName, "letter.html");
        await File.WriteAllTextAsync(page, html.Replace("</body>", Measure + "</body>", StringComparison.Ordinal));
        var (code, output) = await Sending.Peers.RunAsync("chromium",
            ["--headless=new", "--no-sandbox", "--disable-gpu", $"--window-size={width},900", "--virtual-time-budget=3000", "--dump-dom", new Uri(page).AbsoluteUri]);
        var measured = MeasureAttribute().Match(output);
        Assert.That((code, measured.Success), Is.EqualTo((0, true)), output.Length > 2000 ? output[..2000] : output);
        return JsonSerializer.Deserialize<Layout>(System.Net.WebUtility.HtmlDecode(measured.Groups[1].Value), Web)!;
    }

    [GeneratedRegex("data-measure=\"([^\"]*)\"")]
    private static partial Regex MeasureAttribute();

    private sealed record Layout(int Viewport, int Right, int Container, IReadOnlyList<Column> Columns);

    private sealed record Column(int Left, int Top);
}
