using Connector.Segments;

namespace Connector.Scenarios;

/// <summary>Which of the saved segments a version's conditions name the contact is in now, through the Segments slice.</summary>
public sealed class ScenarioSegmentFacts(SegmentEvaluator segments, SegmentQueries queries)
{
    public async Task<IReadOnlySet<string>> MembershipAsync(long portalId, long? contactId, ScenarioDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var names = definition.Steps.Select(s => s.Condition).Where(c => c is { Kind: ConditionKind.InSegment }).Select(c => c!.Segment!).Distinct(StringComparer.Ordinal).ToList();
        var member = new HashSet<string>(StringComparer.Ordinal);
        if (contactId is not { } contact)
        {
            return member;
        }

        foreach (var name in names)
        {
            // A segment that no longer exists matches no one (and pauses the scenario at the next trigger pass).
            if ((await segments.PrepareSavedAsync(name, cancellationToken)).Sql is { } sql && await queries.ContainsAsync(portalId, sql, contact, cancellationToken))
            {
                member.Add(name);
            }
        }

        return member;
    }
}
