using Connector.Sending.Composing;
using Connector.Sending.Ledger;
using Connector.Sending.Tokens;

namespace Connector.Templates;

/// <summary>Renders one compiled template for each ledger row, from the recipient data it was given by contact ID.</summary>
public sealed class TemplateLetterSource(
    CompiledTemplate template, SendContext context, IReadOnlyDictionary<long, TemplateData> recipients, Func<MessageRef, string> unsubscribeUrl) : ILetterSource
{
    private readonly TemplateRenderer _renderer = new();

    public Task<(Letter Letter, SendContext Context)?> PrepareAsync(LedgerRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!recipients.TryGetValue(row.ContactId, out var data))
        {
            return Task.FromResult<(Letter, SendContext)?>(null);
        }

        var values = new Dictionary<string, object?>(data.Values, StringComparer.Ordinal) { ["unsubscribe_url"] = unsubscribeUrl(new MessageRef(row.Id, row.ContactId)) };
        return Task.FromResult<(Letter, SendContext)?>((_renderer.Render(template, data with { Values = values }), context));
    }
}
