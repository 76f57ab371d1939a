namespace HFDesk.Core.Jobs;

/// <summary>
/// Runs one job's download. The seam between the scheduler (lifecycle) and the transfer machinery: the
/// production executor wraps the repo download runner; scheduler tests use one that writes local files.
/// </summary>
internal interface IJobExecutor
{
    /// <summary>
    /// Downloads everything the job asks for into its frozen destination, reporting through
    /// <paramref name="progress"/>. Returns on success; throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> fires (partial files stay for resume); any other exception fails the job.
    /// </summary>
    Task RunAsync(Job job, JobProgressTracker progress, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the job's partial files (only its own, only inside its destination). Works from what the job itself
    /// recorded (its commit and planned files) so that it needs no network, also after a restart.
    /// </summary>
    Task DeletePartialsAsync(Job job, CancellationToken cancellationToken);

    /// <summary>
    /// The job with each unfinished file's <see cref="JobFile.Downloaded"/> set to the bytes a resume would keep,
    /// read from the destination (journals, final files) without the network. Called for jobs loaded at start,
    /// so a job list after a crash shows what is really on disk. Returns the job unchanged when it cannot tell.
    /// </summary>
    Job WithBytesOnDisk(Job job);
}
