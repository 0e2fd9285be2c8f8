using Fluid;
using Fluid.Ast;

namespace Connector.Templates;

/// <summary>
/// Finds the tags a letter may not use: <c>include</c> and <c>render</c> read other templates through a file provider,
/// which a letter has no business doing. The compiler refuses them at save; this walk of the parsed template also
/// finds them where the source scan cannot (inside a <c>{% liquid %}</c> block).
/// </summary>
internal sealed class ForbiddenTags : AstVisitor
{
    private readonly List<string> _found = [];

    public static IReadOnlyList<string> In(IFluidTemplate template)
    {
        var visitor = new ForbiddenTags();
        visitor.VisitTemplate(template);
        return visitor._found;
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        _found.Add("include");
        return base.VisitIncludeStatement(includeStatement);
    }

    protected override Statement VisitRenderStatement(RenderStatement renderStatement)
    {
        _found.Add("render");
        return base.VisitRenderStatement(renderStatement);
    }
}
