using System.Globalization;
using HFDesk.Core.Jobs;

namespace HFDesk.Server.Endpoints;

internal static class HistoryEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static RouteGroupBuilder MapHistoryEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/history", GetHistoryAsync).WithName("History");
        return api;
    }

    /// <summary>Every terminal job, newest first, paged by <c>limit</c> (1–500, default 50) and <c>offset</c>.</summary>
    internal static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorEnvelope>>> GetHistoryAsync(
        string? limit,
        string? offset,
        [FromServices] IJobStore store,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!TryParse(limit, DefaultLimit, 1, MaxLimit, out var take) || !TryParse(offset, 0, 0, int.MaxValue, out var skip))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(
                ApiErrorCodes.BadRequest, "Invalid history request", $"limit must be 1-{MaxLimit} and offset 0 or more"));
        }

        var page = await store.GetHistoryAsync(take, skip, cancellationToken);
        return TypedResults.Ok(new HistoryResponse([.. page.Entries.Select(e => e.ToResponse())], page.Total));
    }

    private static bool TryParse(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
