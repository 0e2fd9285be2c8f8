using System.Globalization;
using DotLiquid;

namespace Connector.Templates;

/// <summary>
/// One parsed Liquid part. DotLiquid templates keep render state, so one part renders under a lock; the parse happens
/// once per template version. Errors while rendering throw (they were ruled out at save time).
/// </summary>
public sealed class LiquidPart(Template template)
{
    private readonly Lock _gate = new();

    public string Render(Hash values, CultureInfo culture)
    {
        lock (_gate)
        {
            return template.Render(new RenderParameters(culture)
            {
                LocalVariables = values,
                Filters = [typeof(LiquidFilters)],
                ErrorsOutputMode = ErrorsOutputMode.Rethrow,
            });
        }
    }
}
