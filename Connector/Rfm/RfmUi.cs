using Connector.Web.UiSession;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Connector.Rfm;

/// <summary>
/// <c>/api/ui/rfm</c>: the app's RFM and cohorts section (the app page's token; a card tab's is refused by
/// <see cref="UiApi"/>). Always the caller's own portal.
/// </summary>
public static class RfmUi
{
    public const int MaxPage = 200;

    public static void MapRfmUi(this RouteGroupBuilder ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        ui.MapGet("/rfm", async (HttpContext http, RfmQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.OverviewAsync(UiApi.Caller(http).PortalId, ct)))
            .WithSummary("RFM: the 5×5 recency × frequency grid with its named segments, and monthly cohorts of first won deal with retention");
        ui.MapPost("/rfm/refresh", async (HttpContext http, RfmRefresher refresher, RfmQueries queries, CancellationToken ct) =>
            {
                var portal = UiApi.Caller(http).PortalId;
                await refresher.RefreshAsync(portal, ct);
                return TypedResults.Ok(await queries.OverviewAsync(portal, ct));
            })
            .WithSummary("Recomputes the portal's RFM scores from the mirror now (the job does it every Rfm:IntervalMinutes)");
        ui.MapGet("/rfm/segments/{segment}/contacts", MembersAsync)
            .WithSummary("The contacts in one named RFM segment, by monetary value, in pages (offset, limit ≤ 200)");
    }

    private static async Task<Results<Ok<IReadOnlyList<RfmMember>>, ProblemHttpResult>> MembersAsync(
        HttpContext http, string segment, int? offset, int? limit, RfmQueries queries, CancellationToken ct)
    {
        if (RfmSegments.Parse(segment) is null)
        {
            return UiApi.Problem(StatusCodes.Status404NotFound, "Unknown segment", "segment", $"'{Web.LogText.Safe(segment)}' is not an RFM segment ({string.Join(", ", RfmSegments.All)})");
        }

        if (offset is < 0)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad request", "offset", "offset must be 0 or more");
        }

        if (limit is < 1 or > MaxPage)
        {
            return UiApi.Problem(StatusCodes.Status400BadRequest, "Bad request", "limit", $"limit must be between 1 and {MaxPage}");
        }

        return TypedResults.Ok(await queries.MembersAsync(UiApi.Caller(http).PortalId, segment, offset ?? 0, limit ?? 50, ct));
    }
}
