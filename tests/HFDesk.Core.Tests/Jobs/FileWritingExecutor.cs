using System.Collections.Concurrent;
using HFDesk.Core.Jobs;

namespace HFDesk.Core.Tests.Jobs;

/// <summary>
/// A test executor that really writes files under the job's destination, chunk by chunk, resuming from the
/// partial file it finds, honouring cancellation, and optionally holding at a gate so a test can act on a
/// job while it runs.
/// </summary>
internal sealed class FileWritingExecutor : IJobExecutor
{
    private const string PartialSuffix = ".part";
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new(StringComparer.Ordinal);
    private int _running;
    private int _maxRunning;

    public IReadOnlyList<(string Path, int Size)> Files { get; init; } = [("weights.bin", 96 * 1024), ("config.json", 3000)];

    public int ChunkSize { get; init; } = 8 * 1024;

    /// <summary>While not completed, a run waits here after writing its first chunk (or before <see cref="HoldBefore"/>).</summary>
    public TaskCompletionSource Gate { get; set; } = CompletedGate();

    /// <summary>When set, the gate holds the run just before this file starts instead of after the first chunk.</summary>
    public string? HoldBefore { get; init; }

    public ConcurrentQueue<JobId> Starts { get; } = new();

    /// <summary>Bytes found on disk when each run started a file: proves resume.</summary>
    public ConcurrentQueue<(JobId Job, string Path, long OnDisk)> Resumes { get; } = new();

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public int Running => Volatile.Read(ref _running);

    public static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }

    public static TaskCompletionSource ClosedGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string FolderOf(Job job) =>
        Path.Combine(job.Destination.OutputDir, job.Repo.Owner, job.Repo.Name);

    public static byte ExpectedByte(string path, long offset) => (byte)((offset * 31) + path.Length);

    public void FailTimes(string repo, int times) => _failuresLeft[repo] = times;

    public async Task RunAsync(Job job, JobProgressTracker progress, CancellationToken cancellationToken)
    {
        Starts.Enqueue(job.Id);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, running);
        try
        {
            progress.SetCommit(new string('c', 40));
            var folder = FolderOf(job);
            Directory.CreateDirectory(folder);
            progress.SetPlan(Files.Select(f => new PlannedJobFile(f.Path, f.Size, File.Exists(Path.Combine(folder, f.Path)))));
            progress.SetPhase(JobPhase.Downloading);
            var first = HoldBefore is null;
            foreach (var (path, size) in Files)
            {
                var final = Path.Combine(folder, path);
                if (File.Exists(final))
                {
                    continue;
                }

                if (path == HoldBefore)
                {
                    await Gate.Task.WaitAsync(cancellationToken);
                }

                var partial = final + PartialSuffix;
                await using (var stream = new FileStream(partial, FileMode.Append, FileAccess.Write, FileShare.Read))
                {
                    var offset = stream.Length;
                    Resumes.Enqueue((job.Id, path, offset));
                    progress.FileStarted(path, offset);
                    var buffer = new byte[ChunkSize];
                    while (offset < size)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var count = (int)Math.Min(buffer.Length, size - offset);
                        for (var i = 0; i < count; i++)
                        {
                            buffer[i] = ExpectedByte(path, offset + i);
                        }

                        await stream.WriteAsync(buffer.AsMemory(0, count), cancellationToken);
                        await stream.FlushAsync(cancellationToken);
                        offset += count;
                        progress.FileProgress(path, offset);
                        if (first)
                        {
                            first = false;
                            await Gate.Task.WaitAsync(cancellationToken);
                        }

                        await Task.Yield();
                    }
                }

                if (_failuresLeft.TryGetValue(job.Repo.ToString(), out var left) && left > 0)
                {
                    _failuresLeft[job.Repo.ToString()] = left - 1;
                    throw new IOException("disk on fire");
                }

                progress.FileVerifying(path);
                File.Move(partial, final);
                progress.FileCompleted(path);
            }

            progress.SetPhase(JobPhase.Finalizing);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public Task DeletePartialsAsync(Job job, CancellationToken cancellationToken)
    {
        var folder = FolderOf(job);
        if (Directory.Exists(folder))
        {
            foreach (var partial in Directory.EnumerateFiles(folder, "*" + PartialSuffix))
            {
                File.Delete(partial);
            }
        }

        PartialsDeleted?.Invoke(job);
        return Task.CompletedTask;
    }

    /// <summary>Called once a job's partials are gone: lets a test abort the caller right after that side effect.</summary>
    public Action<Job>? PartialsDeleted { get; set; }

    public Job WithBytesOnDisk(Job job)
    {
        // This executor resumes from the partial's length, so that is what a resume keeps.
        var folder = FolderOf(job);
        return job with
        {
            Files = [.. job.Files.Select(f => f.Status is JobFileStatus.Complete or JobFileStatus.Skipped
                ? f
                : f with { Downloaded = OnDisk(Path.Combine(folder, f.Path)) })],
        };
    }

    private static long OnDisk(string final) =>
        File.Exists(final) ? new FileInfo(final).Length
        : File.Exists(final + PartialSuffix) ? new FileInfo(final + PartialSuffix).Length
        : 0;

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value
            && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
