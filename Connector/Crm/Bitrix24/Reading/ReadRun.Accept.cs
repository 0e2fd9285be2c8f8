using System.Text.Json;
using Connector.Sync;

namespace Connector.Crm.Bitrix24.Reading;

public sealed partial class ReadRun
{
    /// <summary>Applies one batch answer: one-off calls, then each chain in dependency order.</summary>
    public async Task AcceptAsync(BatchPlan plan, Bitrix24BatchOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outcome);
        foreach (var (key, call) in plan.Singles)
        {
            outcome.Errors.TryGetValue(key, out var error);
            JsonElement? result = outcome.Results.TryGetValue(key, out var r) ? r : null;
            if (error is { Kind: Bitrix24ErrorKind.OperatingLimit or Bitrix24ErrorKind.RateLimited } && RetryableAgain())
            {
                _singles.Enqueue(call);
                continue;
            }

            EssentialCalls++;
            await call.Handle(result, error ?? (result is null ? new Bitrix24Error(Bitrix24ErrorKind.Method, "", "not executed") : null), cancellationToken);
        }

        foreach (var chain in _chains.Where(plan.Pages.ContainsKey))
        {
            // Deals are compared with the stage history: apply them only once the history is complete.
            if (chain.Spec.Kind == CrmRecordKind.Deal && HistoryChain is { Active: true })
            {
                continue;
            }

            await AcceptChainAsync(chain, plan.Pages[chain], outcome, cancellationToken);
        }
    }

    private async Task AcceptChainAsync(ListChain chain, IReadOnlyList<Bitrix24BatchCommand> pages, Bitrix24BatchOutcome outcome, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        var hadTotal = chain.Total is not null;
        foreach (var page in pages)
        {
            if (!chain.Active)
            {
                break;
            }

            if (outcome.Errors.TryGetValue(page.Key, out var error))
            {
                if (error.Kind is not (Bitrix24ErrorKind.OperatingLimit or Bitrix24ErrorKind.RateLimited) || !RetryableAgain())
                {
                    chain.Fail($"{page.Method}: {error}");
                    Fail(chain.Failure!);
                }

                break;
            }

            if (!outcome.Results.TryGetValue(page.Key, out var result))
            {
                break;
            }

            try
            {
                EssentialCalls++;
                rows.AddRange(chain.Accept(result, outcome.Totals.TryGetValue(page.Key, out var total) ? total : null));
            }
            catch (FormatException ex)
            {
                chain.Fail(ex.Message);
                Fail(ex.Message);
                break;
            }
        }

        if (!hadTotal && chain.Total is { } known)
        {
            _sink.OnTotal(chain.Spec.Kind, known);
        }

        if (chain.Active)
        {
            chain.Grow();
        }

        await DeliverAsync(chain.Spec, rows, cancellationToken);
    }

    private async Task DeliverAsync(ListChainSpec spec, List<JsonElement> rows, CancellationToken cancellationToken)
    {
        if (spec.IdsOnly)
        {
            await _sink.OnIdsAsync(spec.Kind, rows.Select(r => Bitrix24Json.ReadLong(r, spec.IdField)).ToList(), cancellationToken);
            return;
        }

        switch (spec.Kind)
        {
            case CrmRecordKind.Contact:
                await _sink.OnContactsAsync(Parse(spec, rows, WireParsers.Contact), cancellationToken);
                break;
            case CrmRecordKind.Deal:
                await _sink.OnDealsAsync(Parse(spec, rows, WireParsers.Deal), cancellationToken);
                break;
            case CrmRecordKind.StageHistory:
                await _sink.OnHistoryAsync(Parse(spec, rows, WireParsers.History), cancellationToken);
                break;
        }
    }

    private List<T> Parse<T>(ListChainSpec spec, List<JsonElement> rows, Func<JsonElement, T> parse)
    {
        var parsed = new List<T>(rows.Count);
        foreach (var row in rows)
        {
            try
            {
                parsed.Add(parse(row));
            }
            catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException)
            {
                // One bad record is skipped and reported; it never aborts the read or corrupts the mirror.
                _sink.OnRejected(new CrmRejectedRecord(spec.Kind, SafeId(row, spec.IdField), $"{spec.Method}: {ex.Message}"));
            }
        }

        return parsed;
    }

    private static long? SafeId(JsonElement row, string field)
    {
        try
        {
            return Bitrix24Json.ReadOptionalLong(row, field);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private bool RetryableAgain() => ++_retryableErrors <= MaxRetryableErrors;
}
