using System.Collections.Concurrent;
using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Tokens;

namespace Connector.Templates;

/// <summary>
/// Renders one compiled template for each ledger row, from the recipient data its <see cref="ITemplateDataSource"/>
/// holds by contact ID (loaded a reserved batch at a time, <see cref="PrepareBatchAsync"/>). A row whose letter cannot
/// render (a template limit, a failing filter) gets no letter and its error is what the row records; the batch goes on.
/// </summary>
public sealed class TemplateLetterSource(
    CompiledTemplate template, SendContext context, ITemplateDataSource recipients, Func<MessageRef, string> unsubscribeUrl) : ILetterSource
{
    private readonly TemplateRenderer _renderer = new();
    private readonly ConcurrentDictionary<long, string> _problems = new();

    /// <summary>With every recipient's data given up front.</summary>
    public TemplateLetterSource(CompiledTemplate template, SendContext context, IReadOnlyDictionary<long, TemplateData> recipients, Func<MessageRef, string> unsubscribeUrl)
        : this(template, context, new FixedTemplateData(recipients), unsubscribeUrl)
    {
    }

    public Task PrepareBatchAsync(IReadOnlyList<LedgerRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return recipients.LoadAsync(rows.Select(r => r.ContactId).Distinct().ToList(), cancellationToken);
    }

    public Task<(Letter Letter, SendContext Context)?> PrepareAsync(LedgerRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (recipients.DataOf(row.ContactId) is not { } data)
        {
            return Task.FromResult<(Letter, SendContext)?>(null);
        }

        var values = new Dictionary<string, object?>(data.Values, StringComparer.Ordinal) { ["unsubscribe_url"] = unsubscribeUrl(new MessageRef(row.Id, row.ContactId)) };
        var rendered = _renderer.TryRender(template, data with { Values = values });
        if (rendered.Letter is not { } letter)
        {
            _problems[row.Id] = rendered.Error?.ToString() ?? "the template did not render";
            return Task.FromResult<(Letter, SendContext)?>(null);
        }

        return Task.FromResult<(Letter, SendContext)?>((letter, context));
    }

    public string? ProblemWith(LedgerRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _problems.TryRemove(row.Id, out var problem) ? problem : null;
    }
}
