namespace HFDesk.Core.Jobs;

/// <summary>Durable jobs and history. A real seam: SQLite in production, and the scheduler tests restart on it.</summary>
internal interface IJobStore
{
    Task<IReadOnlyList<Job>> LoadJobsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Inserts or replaces the job. When this save moves the job into a terminal status, a history row is
    /// written in the same transaction, so a crash can neither lose nor duplicate it.
    /// </summary>
    Task SaveAsync(Job job, CancellationToken cancellationToken);

    Task DeleteAsync(JobId id, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<JobHistoryPage> GetHistoryAsync(int limit, int offset, CancellationToken cancellationToken);
}
