// CPU per render of one letter, for two builds of crm-esp side by side in one process (each in its own assembly load
// context), measured back to back in alternating order: process CPU time over a batch of renders on one thread.
// Usage: BenchRender <build dir A> <build dir B> <template file> [renders per batch] [batches]
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

var dirs = new[] { args[0], args[1] };
var template = args[2];
var perBatch = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5000;
var batches = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 7;
var engines = dirs.Select(d => Engine.Load(d, template)).ToArray();
foreach (var engine in engines)
{
    Console.WriteLine($"{engine.Name}: letter of {engine.AllBytes:N0} bytes UTF-8 in four parts, {engine.HtmlBytes:N0} of them HTML: «{engine.Letter}»");
    engine.Batch(perBatch / 2); // warm-up: JIT tiers, caches
}

var samples = engines.Select(_ => new List<double>()).ToArray();
for (var b = 0; b < batches; b++)
{
    var order = b % 2 == 0 ? new[] { 0, 1 } : new[] { 1, 0 };
    foreach (var i in order)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        engines[i].Batch(perBatch);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
        samples[i].Add(cpu.TotalMilliseconds / perBatch);
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

for (var i = 0; i < engines.Length; i++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engines[i].Name}: CPU ms per render, median {Median(samples[i]):F3} (batches: {string.Join(" ", samples[i].Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))})"));
}

var ratios = samples[1].Zip(samples[0], (b, a) => b / a).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio B/A: median {Median(ratios):F2} (per batch pair: {string.Join(" ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))})"));

internal sealed class Engine
{
    private static readonly string[] Parts = ["Subject", "Preheader", "Html", "Text"];

    private readonly MethodInfo _render;
    private readonly object _renderer;
    private readonly object _compiled;
    private readonly object _data;

    private Engine(string name, MethodInfo render, object renderer, object compiled, object data)
    {
        Name = name;
        _render = render;
        _renderer = renderer;
        _compiled = compiled;
        _data = data;
        var letter = Render();
        string Part(string name) => (string?)letter.GetType().GetProperty(name)!.GetValue(letter) ?? "";
        HtmlBytes = System.Text.Encoding.UTF8.GetByteCount(Part("Html"));
        AllBytes = Parts.Sum(p => System.Text.Encoding.UTF8.GetByteCount(Part(p)));
        Letter = (string)letter.GetType().GetProperty("Subject")!.GetValue(letter)!;
    }

    public string Name { get; }

    public int HtmlBytes { get; }

    public int AllBytes { get; }

    public string Letter { get; }

    public static Engine Load(string dir, string templatePath)
    {
        var context = new DirectoryContext(dir);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(Path.Combine(dir, "crm-esp.dll")));
        Type T(string name) => assembly.GetType("Connector.Templates." + name, throwOnError: true)!;
        var file = T("TemplateFileReader").GetMethod("Read")!.Invoke(null, [File.ReadAllText(templatePath), templatePath])!;
        var compiler = Activator.CreateInstance(T("TemplateCompiler"))!;
        var result = T("TemplateCompiler").GetMethod("Compile")!.Invoke(compiler, [file])!;
        var compiled = result.GetType().GetProperty("Template")!.GetValue(result) ?? throw new InvalidOperationException($"{dir}: template does not compile");
        var sender = Activator.CreateInstance(T("TemplateSender"), "Example Shop", "news@example.com", "Example Shop LLC", "1 Tverskaya st., Moscow 125009", "https://shop.example.com")!;
        var data = T("TemplateData").GetMethod("Sample")!.Invoke(null, [sender, "https://t.example.com/t/u/TOKEN"])!;
        var renderer = Activator.CreateInstance(T("TemplateRenderer"))!;
        var engine = File.Exists(Path.Combine(dir, "Fluid.dll")) ? "Fluid" : File.Exists(Path.Combine(dir, "DotLiquid.dll")) ? "DotLiquid" : "?";
        return new Engine($"{engine} ({dir})", T("TemplateRenderer").GetMethod("Render")!, renderer, compiled, data);
    }

    public void Batch(int renders)
    {
        for (var i = 0; i < renders; i++)
        {
            Render();
        }
    }

    private object Render() => _render.Invoke(_renderer, [_compiled, _data])!;

    private sealed class DirectoryContext(string folder) : AssemblyLoadContext(isCollectible: false)
    {
        // Framework assemblies come from the shared frameworks (the default context), as they do for crm-esp.
        private static readonly string[] Frameworks =
        [
            Path.GetDirectoryName(typeof(object).Assembly.Location)!,
            Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!,
        ];

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var file = assemblyName.Name + ".dll";
            var path = Path.GetFullPath(Path.Combine(folder, file));
            return File.Exists(path) && !Frameworks.Any(f => File.Exists(Path.Combine(f, file))) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
