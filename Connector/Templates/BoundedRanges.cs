using Fluid;
using Fluid.Ast;

namespace Connector.Templates;

/// <summary>Rewrites a parsed template so that each of its ranges is a <see cref="BoundedRange"/>.</summary>
internal sealed class BoundedRanges : AstRewriter
{
    public static IFluidTemplate Apply(IFluidTemplate template) => new BoundedRanges().VisitTemplate(template);

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
    {
        ArgumentNullException.ThrowIfNull(rangeExpression);
        return new BoundedRange(Visit(rangeExpression.From), Visit(rangeExpression.To));
    }
}
