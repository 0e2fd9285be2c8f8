using System.Globalization;
using DotLiquid;

namespace Connector.Templates;

/// <summary>
/// A DotLiquid <see cref="Context"/> kept per thread and reset before every render: the values become its only
/// environment, scopes, registers and errors start empty, and the culture is the letter's. What it keeps is the
/// strainer (the filter table with <see cref="LiquidFilters"/>), which DotLiquid would otherwise rebuild by reflection
/// for every render. Renders are synchronous, so a thread never shares its context with another render.
/// </summary>
internal sealed class LiquidContext
{
    [ThreadStatic]
    private static LiquidContext? _current;

    private readonly Context _context;

    private LiquidContext()
    {
        _context = new Context([], new Hash(), new Hash(), ErrorsOutputMode.Rethrow, 0, CultureInfo.InvariantCulture, CancellationToken.None);
        _context.AddFilters(typeof(LiquidFilters));
    }

    public static LiquidContext ForThisThread() => _current ??= new LiquidContext();

    public string Render(Template template, Hash values, CultureInfo culture)
    {
        _context.Environments.Clear();
        _context.Environments.Add(values);
        _context.Scopes.Clear();
        _context.Scopes.Add(new Hash());
        _context.Registers.Clear();
        _context.Errors.Clear();
        _context.CurrentCulture = culture;
        return template.Render(RenderParameters.FromContext(_context, culture));
    }
}
