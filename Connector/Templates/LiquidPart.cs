using System.Globalization;
using Fluid;
using Fluid.Values;

namespace Connector.Templates;

/// <summary>
/// One parsed Liquid part (subject, preheader, HTML or text), parsed once per template version and rendered by many
/// workers at once: Fluid's parsed template is immutable and thread-safe; each render gets its own
/// <see cref="LiquidContext"/>. Output is not encoded by Fluid: the HTML part's values come HTML-encoded already
/// (<see cref="LiquidValues"/>), as they did under DotLiquid. A render that fails or goes over a limit returns its error.
/// </summary>
public sealed class LiquidPart
{
    private readonly IFluidTemplate _template;
    private readonly Fluid.TemplateOptions _options;
    private readonly int _maxChars;
    private readonly int _sizeHint;

    internal LiquidPart(string where, IFluidTemplate template, Fluid.TemplateOptions options, int maxChars, int sizeHint)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        Where = where;
        _template = template;
        _options = options;
        _maxChars = maxChars;
        _sizeHint = sizeHint;
    }

    /// <summary>The template and part, as errors name them: <c>november-sale (html)</c>.</summary>
    public string Where { get; }

    internal Fluid.TemplateOptions Options => _options;

    /// <summary>The output, or why there is none (the limit that stopped it, or the filter that failed).</summary>
    internal (string? Output, string? Error) Render(FluidValue model, CultureInfo culture)
    {
        var context = new LiquidContext(model, _options, culture);
        using var writer = new LimitedWriter(_sizeHint, _maxChars);
        try
        {
            var rendering = _template.RenderAsync(writer, NullEncoder.Default, context);
            if (!rendering.IsCompletedSuccessfully)
            {
                rendering.AsTask().GetAwaiter().GetResult();
            }

            return (writer.ToString(), null);
        }
        catch (TemplateLimitException ex)
        {
            return (null, ex.Message);
        }
        catch (InvalidOperationException) when (context.OverSteps)
        {
            return (null, $"stopped after {_options.MaxSteps:N0} steps (Templates:MaxSteps): a loop runs too long");
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("recursion", StringComparison.Ordinal))
        {
            return (null, $"blocks nested deeper than {_options.MaxRecursion:N0} (Templates:MaxRecursion)");
        }
#pragma warning disable CA1031 // One letter's failing filter (divided_by: 0, a bad argument) is that letter's error, never the batch's.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return (null, $"rendering failed: {ex.Message}");
        }
    }
}
