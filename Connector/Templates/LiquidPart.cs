using System.Globalization;
using DotLiquid;

namespace Connector.Templates;

/// <summary>
/// One parsed Liquid part, parsed once per template version and rendered by many workers at once. The parsed tree is
/// made thread-safe (render state lives in the context, not the template); each thread renders through its own
/// <see cref="LiquidContext"/>, so DotLiquid's filter table is built once per thread instead of once per render
/// (rebuilding it by reflection was about 60 % of a render). Errors while rendering throw (they were ruled out at save).
/// </summary>
public sealed class LiquidPart
{
    private readonly Template _template;

    public LiquidPart(Template template)
    {
        ArgumentNullException.ThrowIfNull(template);
        template.MakeThreadSafe();
        _template = template;
    }

    public string Render(Hash values, CultureInfo culture) => LiquidContext.ForThisThread().Render(_template, values, culture);
}
