using HFDesk.Core.Jobs;

namespace HFDesk.Core.Tests.Jobs;

/// <summary>Waits for a job to reach a status by listening to the scheduler's events, with a generous deadline.</summary>
internal static class JobWaiter
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<Job> WaitForStatusAsync(JobScheduler scheduler, JobId id, JobStatus status)
    {
        using var subscription = scheduler.Events.Subscribe();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Deadline);
        if (scheduler.Find(id) is { } now && now.Status == status)
        {
            return now;
        }

        try
        {
            await foreach (var jobEvent in subscription.Reader.ReadAllAsync(timeout.Token))
            {
                if (jobEvent is JobUpdated { StatusChanged: true } update && update.Job.Id == id && update.Job.Status == status)
                {
                    return update.Job;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"Job {id} did not become {status}; it is {scheduler.Find(id)?.Status}");
    }
}
