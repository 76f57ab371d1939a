using HFDesk.Core.Jobs;

namespace HFDesk.Server.Endpoints;

internal static class JobsEndpoints
{
    public static RouteGroupBuilder MapJobsEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var jobs = api.MapGroup("/jobs");
        jobs.MapGet("/", ListJobs).WithName("ListJobs");
        jobs.MapGet("/{id}", GetJob).WithName("GetJob");
        jobs.MapDelete("/{id}", CancelJobAsync).WithName("CancelJob");
        jobs.MapPost("/{id}/pause", PauseJobAsync).WithName("PauseJob");
        jobs.MapPost("/{id}/resume", ResumeJobAsync).WithName("ResumeJob");
        jobs.MapPost("/{id}/retry", RetryJobAsync).WithName("RetryJob");
        jobs.MapPost("/{id}/dismiss", DismissJobAsync).WithName("DismissJob");
        return api;
    }

    internal static Ok<JobListResponse> ListJobs([FromServices] JobScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return TypedResults.Ok(scheduler.GetJobs().ToResponse());
    }

    internal static Results<Ok<JobResponse>, NotFound<ErrorEnvelope>> GetJob(string id, [FromServices] JobScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return JobId.TryParse(id, out var jobId) && scheduler.Find(jobId) is { } job
            ? TypedResults.Ok(job.ToResponse())
            : NotFound(id);
    }

    /// <summary>Cancel: stops the job if it runs and deletes its partial files.</summary>
    internal static Task<Results<Ok<JobResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>>> CancelJobAsync(
        string id, [FromServices] JobScheduler scheduler, CancellationToken cancellationToken) =>
        ActAsync(id, scheduler, static (s, jobId, ct) => s.CancelAsync(jobId, ct), cancellationToken);

    internal static Task<Results<Ok<JobResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>>> PauseJobAsync(
        string id, [FromServices] JobScheduler scheduler, CancellationToken cancellationToken) =>
        ActAsync(id, scheduler, static (s, jobId, ct) => s.PauseAsync(jobId, ct), cancellationToken);

    internal static Task<Results<Ok<JobResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>>> ResumeJobAsync(
        string id, [FromServices] JobScheduler scheduler, CancellationToken cancellationToken) =>
        ActAsync(id, scheduler, static (s, jobId, ct) => s.ResumeAsync(jobId, ct), cancellationToken);

    internal static Task<Results<Ok<JobResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>>> RetryJobAsync(
        string id, [FromServices] JobScheduler scheduler, CancellationToken cancellationToken) =>
        ActAsync(id, scheduler, static (s, jobId, ct) => s.RetryAsync(jobId, ct), cancellationToken);

    internal static Task<Results<Ok<JobResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>>> DismissJobAsync(
        string id, [FromServices] JobScheduler scheduler, CancellationToken cancellationToken) =>
        ActAsync(id, scheduler, static (s, jobId, ct) => s.DismissAsync(jobId, ct), cancellationToken);

    private static async Task<Results<Ok<JobResponse>, NotFound<ErrorEnvelope>, Conflict<ErrorEnvelope>>> ActAsync(
        string id,
        JobScheduler scheduler,
        Func<JobScheduler, JobId, CancellationToken, Task<JobActionResult>> action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (!JobId.TryParse(id, out var jobId))
        {
            return NotFound(id);
        }

        // The request's token only bounds the wait for the answer; the action itself runs to its end.
        var result = await action(scheduler, jobId, cancellationToken);
        return result.Outcome switch
        {
            JobActionOutcome.Done => TypedResults.Ok(result.Job!.ToResponse()),
            JobActionOutcome.NotFound => NotFound(id),
            // Conflict, and shutting down: a wrong state too (of the server, not the job), with the sentence that says so.
            _ => TypedResults.Conflict(ErrorEnvelope.Create(ApiErrorCodes.Conflict, result.Message ?? "Wrong job state")),
        };
    }

    private static NotFound<ErrorEnvelope> NotFound(string id) =>
        TypedResults.NotFound(ErrorEnvelope.Create(ApiErrorCodes.NotFound, $"Job '{id}' not found"));
}
