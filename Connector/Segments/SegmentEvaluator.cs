namespace Connector.Segments;

/// <summary>
/// The Segments slice's door for its callers (the CLI now, Scenarios and Campaigns later): parse an expression,
/// resolve its saved references (<c>segment "vip"</c>, newest version), compile it with the clock's now. Owns the
/// filter language and the saved segments; never writes CRM data. Bad input is a <see cref="SegmentError"/>, not an exception.
/// </summary>
public sealed class SegmentEvaluator(SegmentStore store, TimeProvider time)
{
    private const int MaxReferenceDepth = 16;

    public Task<SegmentPrepared> PrepareAsync(string text, CancellationToken cancellationToken) => PrepareAsync(text, [], null, cancellationToken);

    /// <summary>As <see cref="PrepareAsync(string, CancellationToken)"/> for one portal's page: <c>segment "x"</c> reads only the portal's own saved segments and the operator's.</summary>
    public Task<SegmentPrepared> PrepareAsync(string text, long portalId, CancellationToken cancellationToken) => PrepareAsync(text, [], portalId, cancellationToken);

    /// <summary>As <see cref="PrepareAsync(string, CancellationToken)"/>, for text to be saved as <paramref name="name"/>: a reference back to it, direct or through others, is an error.</summary>
    public Task<SegmentPrepared> PrepareForSaveAsync(string name, string text, CancellationToken cancellationToken) => PrepareAsync(text, [name], null, cancellationToken);

    /// <summary>As <see cref="PrepareForSaveAsync(string, string, CancellationToken)"/> for one portal's page.</summary>
    public Task<SegmentPrepared> PrepareForSaveAsync(long portalId, string name, string text, CancellationToken cancellationToken) => PrepareAsync(text, [name], portalId, cancellationToken);

    private async Task<SegmentPrepared> PrepareAsync(string text, List<string> path, long? portal, CancellationToken cancellationToken)
    {
        var parsed = SegmentParser.Parse(text);
        if (parsed.Expression is not { } expression)
        {
            return new SegmentPrepared(null, null, parsed.Error);
        }

        var (resolved, error) = await ResolveAsync(expression, path, portal, cancellationToken);
        return resolved is null
            ? new SegmentPrepared(null, null, error)
            : new SegmentPrepared(resolved, SegmentCompiler.Compile(resolved, time.GetUtcNow()), null);
    }

    /// <summary>The saved segment <paramref name="name"/>, prepared; an error (column 1) when there is none.</summary>
    public async Task<SegmentPrepared> PrepareSavedAsync(string name, CancellationToken cancellationToken) =>
        await store.LatestAsync(name, cancellationToken) is { } saved
            ? await PrepareAsync(saved.Expression, [], null, cancellationToken)
            : new SegmentPrepared(null, null, new SegmentError(1, $"no saved segment \"{SegmentError.Capped(name)}\" (segment list shows them)"));

    private async Task<(SegmentExpression? Expression, SegmentError? Error)> ResolveAsync(SegmentExpression expression, List<string> path, long? portal, CancellationToken cancellationToken)
    {
        switch (expression)
        {
            case SegmentExpression.Both x:
                return await BothAsync(x.Left, x.Right, path, portal, (l, r) => new SegmentExpression.Both(l, r), cancellationToken);
            case SegmentExpression.Either x:
                return await BothAsync(x.Left, x.Right, path, portal, (l, r) => new SegmentExpression.Either(l, r), cancellationToken);
            case SegmentExpression.Negated x:
                var (inner, error) = await ResolveAsync(x.Inner, path, portal, cancellationToken);
                return inner is null ? (null, error) : (x with { Inner = inner }, null);
            case SegmentExpression.Saved x:
                return await SavedAsync(x, path, portal, cancellationToken);
            case SegmentExpression.Engagement { Kind: SegmentEngagement.InScenario, List: { } scenario } x
                when !await store.ScenarioExistsAsync(scenario, cancellationToken):
                return (null, new SegmentError(x.Column, $"no scenario \"{SegmentError.Capped(scenario)}\" (scenario list shows them)"));
            default:
                return (expression, null);
        }
    }

    private async Task<(SegmentExpression?, SegmentError?)> BothAsync(SegmentExpression left, SegmentExpression right, List<string> path, long? portal,
        Func<SegmentExpression, SegmentExpression, SegmentExpression> make, CancellationToken cancellationToken)
    {
        var (l, leftError) = await ResolveAsync(left, path, portal, cancellationToken);
        if (l is null)
        {
            return (null, leftError);
        }

        var (r, rightError) = await ResolveAsync(right, path, portal, cancellationToken);
        return r is null ? (null, rightError) : (make(l, r), null);
    }

    private async Task<(SegmentExpression?, SegmentError?)> SavedAsync(SegmentExpression.Saved reference, List<string> path, long? portal, CancellationToken cancellationToken)
    {
        var name = SegmentError.Capped(reference.Name);
        if (path.Contains(reference.Name, StringComparer.OrdinalIgnoreCase) || path.Count >= MaxReferenceDepth)
        {
            return (null, new SegmentError(reference.Column, $"segment \"{name}\" refers to itself ({string.Join(" → ", path.Append(reference.Name))})"));
        }

        var found = portal is { } p ? await store.LatestAsync(p, reference.Name, cancellationToken) : await store.LatestAsync(reference.Name, cancellationToken);
        if (found is not { } saved)
        {
            return (null, new SegmentError(reference.Column, $"no saved segment \"{name}\" (segment list shows them)"));
        }

        var parsed = SegmentParser.Parse(saved.Expression);
        if (parsed.Expression is null)
        {
            return (null, new SegmentError(reference.Column, $"saved segment \"{name}\" no longer parses: {parsed.Error}"));
        }

        var (resolved, error) = await ResolveAsync(parsed.Expression, [.. path, reference.Name], portal, cancellationToken);
        return resolved is null
            ? (null, new SegmentError(reference.Column, $"in saved segment \"{name}\": {error}"))
            : (resolved, null);
    }
}
