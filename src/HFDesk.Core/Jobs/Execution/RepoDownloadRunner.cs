using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Jobs.Execution;

/// <summary>
/// Runs one <see cref="RepoDownloadRun"/> end to end: <c>maxActive</c> files at once, each fetched at the run's commit
/// by the engine into the layout's temp path and committed into place; then refs, friendly view and manifest.
/// A non-transient Hub error (401/403/404) stops every file at once; other failures fail only their file. Cancellation
/// keeps partial files and journals (pause); deleting them is <see cref="DeletePartials(RepoDownloadRun)"/>, which only
/// the caller decides (cancel). The engine's failures become the user's words here (<see cref="TransferFailureWording"/>).
/// </summary>
internal sealed class RepoDownloadRunner(HubClient hub, RangeDownloader downloader, TimeProvider timeProvider)
{
    public async Task<RepoDownloadResult> RunAsync(RepoDownloadRun run, RepoDownloadOptions options, IDownloadObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(options);
        var plan = run.Plan;
        var target = run.Target;
        var events = run.Observe(observer);
        var files = plan.Files;
        events.Planned(files.Count, files.Sum(f => f.Size), run.Commit, run.OutputDir);
        run.EnterPhase(DownloadPhase.Downloading);

        // Files with the same content share one blob: fetch it once, then give every path its entry. A group is
        // present when any of its paths was present when the run opened (committing gives the others their entry).
        var groups = files.GroupBy(f => f.BlobName, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var present = groups.Where(g => g.Exists(run.IsPresent)).ToList();
        var missing = groups.Where(g => !g.Exists(run.IsPresent)).ToList();
        foreach (var file in present.SelectMany(g => g))
        {
            events.FileSkipped(file.Path, file.Size);
        }

        if (missing.Count > 0)
        {
            DiskSpaceGuard.EnsureRoom(target.PathsFor(missing[0][0]).TempPath, missing.Sum(g => g[0].Size - ReservedBytes(target, g[0])));
        }

        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        long fetched = 0;
        long resumed = 0;
        var adopted = 0;
        using var fatal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? fatalError = null;

        // Largest first so a big file never starts last and becomes the whole tail of the job.
        var work = missing.OrderByDescending(g => g[0].Size).ToList();
        try
        {
            await Parallel.ForEachAsync(
                work,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(options.MaxActive, 1, RepoDownloadOptions.MaxMaxActive), CancellationToken = fatal.Token },
                async (group, token) =>
                {
                    try
                    {
                        var result = await DownloadGroupAsync(run, events, group, options, token);
                        if (result is null)
                        {
                            Interlocked.Add(ref adopted, group.Count);
                            return;
                        }

                        Interlocked.Add(ref fetched, result.BytesFetched);
                        Interlocked.Add(ref resumed, result.BytesResumed);
                    }
                    catch (HubException e) when (!e.IsTransient)
                    {
                        // 401/403/404: every other file would fail the same way; stop now with the actionable message.
                        Interlocked.CompareExchange(ref fatalError, ExceptionDispatchInfo.Capture(e), null);
                        ReportFailed(events, group, e.Message);
                        await fatal.CancelAsync();
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                    {
                        foreach (var file in group)
                        {
                            failures[file.Path] = e.Message;
                        }

                        ReportFailed(events, group, e.Message);
                    }
                });
        }
        catch (OperationCanceledException) when (fatalError is not null && !cancellationToken.IsCancellationRequested)
        {
            // The stop this run asked for; the failure that asked is rethrown below.
        }

        // With the stack of the file that failed, not of this line.
        fatalError?.Throw();

        if (!failures.IsEmpty)
        {
            var first = failures.OrderBy(f => f.Key, StringComparer.Ordinal).First();
            throw new RepoDownloadException(
                $"{failures.Count} of {files.Count} files failed; the rest are kept and a retry resumes. First: {first.Key}: {first.Value}")
            {
                FailedPaths = [.. failures.Keys.Order(StringComparer.Ordinal)],
            };
        }

        run.EnterPhase(DownloadPhase.Finalizing);
        foreach (var group in present)
        {
            await target.CommitAsync(group, cancellationToken);
        }

        var manifest = await target.FinishAsync(
            new DownloadCompletion(plan.Revision, plan.Filter.Filters, plan.Filter.Excludes, plan.Filter.ExactMatch, plan.RepoFileCount, files, timeProvider.GetUtcNow()),
            cancellationToken);
        return new RepoDownloadResult(manifest, run.OutputDir, missing.Sum(g => g.Count) - adopted, present.Sum(g => g.Count) + adopted, fetched, resumed);
    }

    /// <summary>Deletes the run's partial files and journals (cancel and dismiss; never on pause).</summary>
    public static void DeletePartials(RepoDownloadRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        DeletePartials(run.Target, run.Plan.Files);
    }

    /// <summary>
    /// Deletes these files' partials at the target: the one path every cancel takes. The engine names what a
    /// transfer leaves (temp file, journal, a journal save cut short); the target only says where they are.
    /// </summary>
    public static void DeletePartials(IStorageTarget target, IEnumerable<RepoFile> files)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            var paths = target.PathsFor(file);
            RangeDownloader.Discard(paths.TempPath, paths.JournalPath);
        }
    }

    // A partial from an earlier run is preallocated to its full size, and a same-size file at the final path is
    // likely adopted rather than fetched: their space is already taken.
    private static long ReservedBytes(IStorageTarget target, RepoFile file)
    {
        var paths = target.PathsFor(file);
        if (FileProbe.HasSize(paths.FinalPath, file.Size))
        {
            return file.Size;
        }

        var temp = new FileInfo(paths.TempPath);
        return temp.Exists ? Math.Min(temp.Length, file.Size) : 0;
    }

    /// <returns>The transfer, or null when the file was already there under another tool's hand and adopted.</returns>
    private async Task<TransferResult?> DownloadGroupAsync(
        RepoDownloadRun run, IDownloadObserver observer, List<RepoFile> group, RepoDownloadOptions options, CancellationToken cancellationToken)
    {
        var (plan, target) = (run.Plan, run.Target);
        var file = group[0];
        var paths = target.PathsFor(file);
        if (await target.AdoptExistingAsync(file, cancellationToken))
        {
            await CommitGroupAsync(target, observer, group, reportVerifying: true, adopted: true, cancellationToken);
            return null;
        }

        // Always at the plan's commit, never the branch: every file of the job comes from one commit.
        Uri source;
        string? token;
        if (file.IsLfs && file.Size >= options.Transfer.MultipartThreshold && options.Transfer.Connections > 1)
        {
            // HEAD once for the CDN location, so each Range part goes straight to the CDN instead of
            // spending a Hub "resolvers" request (rate-limited) per part on the 302. A file fetched as one
            // stream skips the HEAD: its single GET follows the 302 itself, dropping the token off-host.
            var metadata = await hub.GetFileMetadataAsync(plan.Repo, plan.Type, run.Commit, file.Path, cancellationToken);
            (source, token) = (metadata.DownloadUrl, metadata.SendToken ? hub.Options.Token : null);
        }
        else
        {
            // Size and hash are already known from the tree, and /resolve/ serves the file (or redirects, which the
            // engine follows, keeping the token only on the Hub's host): a HEAD would only double the requests.
            (source, token) = (hub.ResolveUrl(plan.Repo, plan.Type, run.Commit, file.Path), hub.HasToken ? hub.Options.Token : null);
        }

        var request = new TransferRequest(
            source,
            token,
            file.Size,
            file.LfsSha256,
            file.BlobName,
            run.Commit,
            paths.TempPath,
            paths.JournalPath)
        {
            RepoUrl = hub.RepoPageUrl(plan.Repo, plan.Type).AbsoluteUri,
            Context = new HubCallContext(plan.Repo, plan.Type, plan.Revision, file.Path),
        };

        // A regular file's blob is named by its git sha1 (api.md: always checked, whatever the verify mode), so no
        // blob ever holds bytes that are not its name; such files are small and the hash costs next to nothing.
        var transfer = file.IsLfs || options.Transfer.Verify >= VerifyMode.Etag ? options.Transfer : options.Transfer with { Verify = VerifyMode.Etag };
        var reporter = new FileProgressReporter(group, observer);
        TransferResult result;
        try
        {
            result = await downloader.DownloadAsync(request, transfer, reporter, cancellationToken);
        }
        catch (TransferGaveUpException gaveUp)
        {
            throw TransferFailureWording.Explain(gaveUp, request);
        }

        reporter.EnsureStarted(result.BytesResumed);
        await CommitGroupAsync(target, observer, group, reportVerifying: !reporter.Verifying, adopted: false, cancellationToken);
        return result;
    }

    /// <summary>Gives every path of a blob its entry, telling the observer each path's verifying and its end.</summary>
    private static async Task CommitGroupAsync(
        IStorageTarget target, IDownloadObserver observer, List<RepoFile> group, bool reportVerifying, bool adopted, CancellationToken cancellationToken)
    {
        if (reportVerifying)
        {
            foreach (var each in group)
            {
                observer.FileVerifying(each.Path);
            }
        }

        await target.CommitAsync(group, cancellationToken);
        foreach (var each in group)
        {
            if (adopted)
            {
                observer.FileSkipped(each.Path, each.Size);
            }
            else
            {
                observer.FileCompleted(each.Path, each.Size);
            }
        }
    }

    private static void ReportFailed(IDownloadObserver observer, List<RepoFile> group, string message)
    {
        foreach (var file in group)
        {
            observer.FileFailed(file.Path, message);
        }
    }
}
