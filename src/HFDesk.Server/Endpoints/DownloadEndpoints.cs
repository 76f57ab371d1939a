using HFDesk.Core.Hub;
using HFDesk.Core.Jobs;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Endpoints;

internal static class DownloadEndpoints
{
    public const string DuplicateMessage = "Download already in progress";

    public static RouteGroupBuilder MapDownloadEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/download", DownloadAsync).WithName("Download");
        return api;
    }

    /// <summary>
    /// New job → 202 with the job; an identical active job → 200 with it and a message; bad request → 400, no job;
    /// posted once shutdown has begun → 409 (the server is in the wrong state for new work), no job.
    /// </summary>
    internal static async Task<Results<Accepted<JobResponse>, Ok<DuplicateDownloadResponse>, BadRequest<ErrorEnvelope>, Conflict<ErrorEnvelope>>> DownloadAsync(
        DownloadRequestBody? body,
        [FromServices] SettingsStore settings,
        [FromServices] JobScheduler scheduler,
        [FromServices] HubClient hub,
        [FromServices] TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (!DownloadRequestValidator.TryValidate(body, settings.Roots, out var validated, out var error))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid download request", error));
        }

        var hadItems = validated.Items.Count > 0;
        var (download, itemError) = await DownloadSelection.ExpandItemsAsync(validated, hub, timeProvider, cancellationToken);
        if (download is null)
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid download request", itemError));
        }

        // Expanded items select files by construction (the analysis resolved the repo and read the listing); otherwise
        // both happen here. A missing repo or revision, no access or a refused listing throws HubException, which the
        // exception handler maps (404/401/403/502) with no job made (issue 12); only an unreachable Hub queues the job.
        if (!hadItems && await DownloadSelection.FindMissAsync(download, hub, cancellationToken) is { } miss)
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Nothing matches the filters", miss));
        }

        var result = await scheduler.EnqueueAsync(download.Request, download.Destination, cancellationToken);
        if (!result.Accepted)
        {
            return TypedResults.Conflict(ErrorEnvelope.Create(ApiErrorCodes.Conflict, result.Message ?? JobEnqueueResult.ShuttingDownMessage));
        }

        return result.Duplicate
            ? TypedResults.Ok(new DuplicateDownloadResponse(result.Job.ToResponse(), DuplicateMessage))
            : TypedResults.Accepted($"/api/jobs/{result.Job.Id}", result.Job.ToResponse());
    }
}
