using System.Globalization;
using System.Text;
using Connector.Api;
using Connector.Sending.Ledger;
using Connector.Web.UiSession;

namespace Connector.Web.Settings.Suppressions;

/// <summary>
/// <c>/api/ui/settings/suppressions</c>: the portal's part of the suppression list — search in pages, add a manual
/// entry, lift a manual one (unsubscribes, complaints and bounces never), import a CSV (a summary with each skipped
/// line), export it as CSV.
/// </summary>
public static class SuppressionsUi
{
    public static RouteGroupBuilder MapSuppressionsUi(this RouteGroupBuilder settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.MapGet("/suppressions", SearchAsync)
            .WithSummary("The portal's suppression list: q (part of the address), reason, after (the cursor), limit (1-200, default 50)");
        settings.MapPost("/suppressions", AddAsync).Accepts<SuppressionAddBody>("application/json")
            .WithSummary("Suppress an address by hand (reason manual) with an optional note; 409 when it is already listed");
        settings.MapDelete("/suppressions/{address}", RemoveAsync)
            .WithSummary("Lift a manual suppression of the portal (unsubscribes, complaints and bounces are never lifted here)");
        settings.MapPost("/suppressions/import", ImportAsync)
            .WithSummary("Import a CSV of addresses (header row optional, note column optional; ≤ 1 MB, ≤ 20,000 lines): added and skipped, each skipped line with its number and why");
        settings.MapGet("/suppressions/export", ExportAsync).Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The portal's suppression list as CSV: address, reason, source, note, created_at");
        return settings;
    }

    private static async Task<IResult> SearchAsync(HttpContext http, string? q, string? reason, string? after, string? limit, SuppressionList list, CancellationToken cancellationToken)
    {
        var size = 50;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > SuppressionList.MaxLimit))
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "limit", $"limit must be 1 to {SuppressionList.MaxLimit}");
        }

        if (q is { Length: > SuppressionRules.MaxAddress })
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "q", $"at most {SuppressionRules.MaxAddress} characters");
        }

        if (SuppressionRules.Reason(reason) is { } badReason)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "reason", badReason);
        }

        var rows = await list.SearchAsync(UiApi.Caller(http).PortalId, q?.Trim(), reason is { Length: > 0 } ? reason : null, after, size, cancellationToken);
        return TypedResults.Ok(new SuppressionPage([.. rows.Select(Item)], rows.Count == size ? rows[^1].Address : null));
    }

    private static async Task<IResult> AddAsync(HttpContext http, SendLedgerStore ledger, CancellationToken cancellationToken)
    {
        var (body, problem) = await SettingsBody.ReadJsonAsync<SuppressionAddBody>(http.Request, "{\"address\": …, \"note\": …}", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (SuppressionRules.Address(body!.Address, out var address) is { } bad)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "address", bad);
        }

        var note = body.Note?.Trim() is { Length: > 0 } n ? n : null;
        if (SuppressionRules.Note(note) is { } badNote)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "note", badNote);
        }

        var caller = UiApi.Caller(http);
        return await ledger.SuppressAsync(address, "manual", SuppressionSource.For(caller.PortalId, caller.UserId, note), cancellationToken)
            ? TypedResults.Created($"/api/ui/settings/suppressions?q={Uri.EscapeDataString(address)}", new { address, reason = "manual", note })
            : UiApi.Problem(StatusCodes.Status409Conflict, "Conflict", "address", "already on the suppression list");
    }

    private static async Task<IResult> RemoveAsync(HttpContext http, string address, SendLedgerStore ledger, ApiSuppressionPage pages, CancellationToken cancellationToken)
    {
        var normalised = Sending.Hygiene.AddressValidator.Normalise(address) ?? address;
        return await pages.VisibleAsync(UiApi.Caller(http).PortalId, normalised, cancellationToken) && await ledger.UnsuppressAsync(normalised, cancellationToken)
            ? TypedResults.NoContent()
            : UiApi.Problem(StatusCodes.Status404NotFound, "Not Found", "address", "no manual suppression of this address (unsubscribes, complaints and bounces are never lifted here)");
    }

    private static async Task<IResult> ImportAsync(HttpContext http, SuppressionImport import, CancellationToken cancellationToken)
    {
        var (text, problem) = await SettingsBody.ReadTextAsync(http.Request, SuppressionImport.MaxBytes, "file", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var caller = UiApi.Caller(http);
        var (result, wrong) = await import.ImportAsync(text!, caller.PortalId, caller.UserId, cancellationToken);
        return result is not null ? TypedResults.Ok(result) : UiApi.Problem(StatusCodes.Status400BadRequest, "Bad Request", "file", wrong!);
    }

    private static async Task ExportAsync(HttpContext http, SuppressionList list, TimeProvider time, CancellationToken cancellationToken)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"suppressions-{stamp}.csv\"";
        http.Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
        await writer.WriteAsync("address,reason,source,note,created_at\r\n".AsMemory(), cancellationToken);
        await foreach (var row in list.AllAsync(UiApi.Caller(http).PortalId, cancellationToken))
        {
            var source = row.Source is { } s && s.StartsWith("ui:", StringComparison.Ordinal) ? "settings" : row.Source;
            await writer.WriteAsync(string.Join(',', Field(row.Address), Field(row.Reason), Field(source), Field(SuppressionSource.Note(row.Source)), Field(row.CreatedAt)).AsMemory(), cancellationToken);
            await writer.WriteAsync("\r\n".AsMemory(), cancellationToken);
        }
    }

    private static SuppressionItem Item(SuppressionRow row) => new(
        row.Address, row.Reason, row.Source is { } s && s.StartsWith("ui:", StringComparison.Ordinal) ? "settings" : row.Source,
        SuppressionSource.Note(row.Source), row.CreatedAt, row.Reason == "manual");

    // RFC 4180 quoting; a value a spreadsheet would run as a formula is prefixed with ' (OWASP's CSV injection advice).
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
