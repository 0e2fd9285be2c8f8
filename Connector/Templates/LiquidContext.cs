using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Connector.Templates;

/// <summary>
/// The state of one render of one part: the letter's values as the model (read-only data, never parsed as Liquid), the
/// culture dates and money use, and Fluid's step count, which tells a step limit from a nesting limit when Fluid stops.
/// One per render: Fluid's parsed templates are shared by all threads, contexts never are.
/// </summary>
internal sealed class LiquidContext : TemplateContext
{
    public LiquidContext(FluidValue model, Fluid.TemplateOptions options, CultureInfo culture)
        : base(model, options)
    {
        CultureInfo = culture;
    }

    public bool OverSteps => MaxSteps > 0 && _steps > MaxSteps;
}
