using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Settings;

namespace HFDesk.Server.Endpoints;

internal static class PlanEndpoints
{
    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/plan", PlanAsync).WithName("Plan");
        return api;
    }

    /// <summary>What a download would fetch; creates no job. Hub failures reach the exception handler (404/401/502/504).</summary>
    internal static async Task<Results<Ok<PlanResponse>, BadRequest<ErrorEnvelope>>> PlanAsync(
        DownloadRequestBody? body,
        [FromServices] SettingsStore settings,
        [FromServices] HubClient hub,
        [FromServices] TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!DownloadRequestValidator.TryValidate(body, settings.Roots, out var validated, out var error))
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid plan request", error));
        }

        var (download, itemError) = await DownloadSelection.ExpandItemsAsync(validated, hub, timeProvider, cancellationToken);
        if (download is null)
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(ApiErrorCodes.BadRequest, "Invalid plan request", itemError));
        }

        var request = download.Request;
        // The run as it would start now: what is already on disk is its fact, looked at once, even for a preview.
        var run = await RepoDownloadRun.PlanAsync(
            hub,
            new DownloadPlanRequest(request.Repo, request.Type, request.Revision, download.Filter),
            download.Destination.ToStorageDestination(),
            null,
            cancellationToken);
        var plan = run.Plan;
        if (plan.Files.Count == 0 && !download.Filter.SelectsEverything)
        {
            return TypedResults.BadRequest(ErrorEnvelope.Create(
                ApiErrorCodes.BadRequest, "Nothing matches the filters", await DownloadSelection.DescribeMissAsync(download, plan.Commit, hub, cancellationToken)));
        }

        return TypedResults.Ok(run.ToResponse());
    }
}
