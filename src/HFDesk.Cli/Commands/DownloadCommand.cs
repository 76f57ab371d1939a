using System.ComponentModel;
using System.Globalization;
using HFDesk.Cli.Rendering;
using HFDesk.Core.Analysis;
using HFDesk.Core.Downloads;
using HFDesk.Core.Hub;
using HFDesk.Core.Jobs.Execution;
using HFDesk.Core.Planning;
using HFDesk.Core.Settings;
using HFDesk.Core.Storage;
using HFDesk.Core.Units;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

/// <summary>
/// <c>hfdesk download</c>: plan, then fetch one repo into the HF cache (or <c>--local-dir</c>) with the same core the
/// server's jobs use. Ctrl-C pauses: partials and journals stay, and running the command again resumes them.
/// </summary>
internal sealed class DownloadCommand(IAnsiConsole console, TimeProvider time) : AsyncCommand<DownloadCommand.Settings>
{
    internal sealed class Settings : CommonSettings, IJsonOutput
    {
        [CommandArgument(0, "<REPO>")]
        [Description("owner/name, name (gpt2) or datasets/owner/name, optionally with inline filters: owner/name:q4_k_m,mmproj")]
        public string Repo { get; init; } = "";

        [CommandOption("-i|--item <ITEMS>")]
        [Description("Analyzer item ids as `analyze` lists them (q4_k_m, mmproj-f16), with the files they need; instead of filters")]
        public string[] Items { get; init; } = [];

        [CommandOption("--max-speed <SPEED>")]
        [Description("Bandwidth limit for this download, e.g. 20MB or 5MiB (per second); 0 = unlimited")]
        public string? MaxSpeed { get; init; }

        [CommandOption("-F|--filter <FILTERS>")]
        [Description("Only files matching these (comma-separated, repeatable; case-insensitive)")]
        public string[] Filters { get; init; } = [];

        [CommandOption("-E|--exclude <EXCLUDES>")]
        [Description("Skip files matching these (win over filters)")]
        public string[] Excludes { get; init; } = [];

        [CommandOption("--exact")]
        [Description("Filters match whole name tokens: q6_k does not take Q6_K_XL")]
        public bool Exact { get; init; }

        [CommandOption("-r|--revision <REV>")]
        [Description("Branch, tag, 40-hex commit or refs/pr/N (default main)")]
        public string Revision { get; init; } = DownloadPlanRequest.DefaultRevision;

        [CommandOption("--dataset")]
        [Description("The repo is a dataset (cached as datasets--owner--name)")]
        public bool Dataset { get; init; }

        [CommandOption("-c|--connections <N>")]
        [Description("Range connections per large file (1-64)")]
        public int? Connections { get; init; }

        [CommandOption("--max-active <N>")]
        [Description("Files at once (1-32)")]
        public int? MaxActive { get; init; }

        [CommandOption("--dry-run")]
        [Description("Show the plan (files, sizes, what is already present) and download nothing")]
        public bool DryRun { get; init; }

        [CommandOption("--json")]
        [Description("One JSON object per line: events, then a summary")]
        public bool Json { get; init; }

        public override ValidationResult Validate()
        {
            var common = base.Validate();
            if (!common.Successful)
            {
                return common;
            }

            if (!FilterSpec.TryParseRepoArgument(RepoArgument, out _, out var inline, out var error))
            {
                return ValidationResult.Error(error);
            }

            if (ItemIds.Count > 0 && (inline.Count > 0 || Filters.Length > 0 || Excludes.Length > 0))
            {
                return ValidationResult.Error("--item expands to its own filters: use it instead of -F/-E or inline filters, not with them");
            }

            if (MaxSpeed is not null && !ByteSize.TryParse(MaxSpeed, out _))
            {
                return ValidationResult.Error($"--max-speed '{MaxSpeed}' is not a size per second such as 20MB or 5MiB");
            }

            if (Connections is < 1 or > TransferOptions.MaxConnections)
            {
                return ValidationResult.Error($"--connections must be 1-{TransferOptions.MaxConnections}");
            }

            if (MaxActive is < 1 or > RepoDownloadOptions.MaxMaxActive)
            {
                return ValidationResult.Error($"--max-active must be 1-{RepoDownloadOptions.MaxMaxActive}");
            }

            return string.IsNullOrWhiteSpace(Revision) ? ValidationResult.Error("--revision must not be empty") : ValidationResult.Success();
        }

        /// <summary>A <c>datasets/</c> prefix (as the Hub writes dataset ids in URLs) means <c>--dataset</c>.</summary>
        public bool IsDataset => Dataset || HasDatasetPrefix;

        public string RepoArgument => HasDatasetPrefix ? Repo[DatasetPrefix.Length..] : Repo;

        public IReadOnlyList<string> ItemIds => [.. Items.SelectMany(FilterSpec.SplitList)];

        private const string DatasetPrefix = "datasets/";

        // As in Hub URLs: "datasets/squad" is the dataset without an owner, never a model of a user "datasets".
        private bool HasDatasetPrefix => Repo.StartsWith(DatasetPrefix, StringComparison.Ordinal);

        public FilterSpec ToFilterSpec(IReadOnlyList<string> inlineFilters) => new(
            inlineFilters.Concat(Filters.SelectMany(FilterSpec.SplitList)),
            Excludes.SelectMany(FilterSpec.SplitList),
            Exact);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var json = settings.Json ? new DownloadJsonLines(console.Profile.Out.Writer) : null;
        var started = time.GetTimestamp();
        if (!FilterSpec.TryParseRepoArgument(settings.RepoArgument, out var repo, out var inlineFilters, out var repoError))
        {
            return Fail(json, new DownloadSummary { Status = "failed", Repo = settings.Repo }, repoError, ExitCodes.Usage, started);
        }

        var type = settings.IsDataset ? RepoType.Dataset : RepoType.Model;

        // Ctrl-C pauses: the token ends the transfers, the journals are already on disk, the next run resumes.
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var summary = new DownloadSummary { Status = "failed", Repo = repo.ToString(), Revision = settings.Revision, IsDataset = settings.IsDataset };
        DownloadTally? tally = null;
        try
        {
            SettingsStore store;
            try
            {
                // --max-speed beats the maxSpeed setting for this run (0: unlimited); the engine's limiter learns it
                // from the settings like every other rate change.
                store = await SettingsStore.OpenAsync(
                    settings.ToSettingsOverrides() with { MaxSpeed = settings.MaxSpeed }, HfEnvironment.FromProcess(), interrupt.Token);
            }
            catch (ArgumentException e)
            {
                return Fail(json, summary, e.Message, ExitCodes.Usage, started);
            }

            if (store.LoadWarning is { } warning)
            {
                CliWarning.Write(console, settings, warning);
            }

            if (store.TokenFileWarning is { } tokenFileWarning)
            {
                CliWarning.Write(console, settings, tokenFileWarning);
            }

            var roots = store.Roots;
            var destination = roots.LocalDir is { } localDir
                ? StorageDestination.Local(localDir)
                : StorageDestination.Cache(roots.HubDir, roots.CacheDir);
            summary = summary with { HubDir = destination.HubDir };

            // Endpoint, token and proxy as the settings store layers them: flags, then environment, then config.
            using var hubFactory = new HubClientFactory(new SettingsHubClientOptionsProvider(store), time);
            using var engine = new DownloadEngine(store, hubFactory, time);
            var hub = engine.CreateHub();

            var filter = settings.ToFilterSpec(inlineFilters);
            if (settings.ItemIds.Count > 0)
            {
                // The same expansion as POST /api/download with items: what the web UI ticks, a script can name.
                var analysis = await new RemoteRepoAnalyzer(hub, time)
                    .AnalyzeForSelectionAsync(repo, settings.IsDataset, settings.Revision.Trim(), interrupt.Token);
                if (!ItemSelection.TryExpand(analysis, settings.ItemIds, out var expanded, out var itemError))
                {
                    return Fail(json, summary, itemError, ExitCodes.Usage, started);
                }

                filter = expanded;
            }

            var planRequest = new DownloadPlanRequest(repo, type, settings.Revision.Trim(), filter);
            RepoDownloadRun run;
            if (json is not null)
            {
                run = await RepoDownloadRun.PlanAsync(hub, planRequest, destination, json, interrupt.Token);
            }
            else
            {
                // Listing a repo of thousands of files takes a while: say so rather than sit silent.
                run = await console.Status().StartAsync(
                    $"Planning {Markup.Escape(repo.ToString())} @ {Markup.Escape(planRequest.Revision)}…",
                    _ => RepoDownloadRun.PlanAsync(hub, planRequest, destination, null, interrupt.Token));
            }

            var plan = run.Plan;
            summary = summary with
            {
                Commit = run.Commit,
                OutputDir = run.OutputDir,
                TotalFiles = plan.TotalFiles,
                TotalBytes = plan.TotalSize,
            };

            if (plan.TotalFiles == 0 && !filter.SelectsEverything)
            {
                var tree = await hub.GetTreeAsync(repo, type, run.Commit, interrupt.Token);
                return Fail(json, summary, SelectionMiss.Describe(repo, tree, filter), ExitCodes.Usage, started);
            }

            if (settings.DryRun)
            {
                if (json is not null)
                {
                    json.WritePlan(DownloadPlanOutput.From(run));
                }
                else
                {
                    DownloadPlanTable.Write(console, run);
                }

                return Finish(json, summary with { Status = "planned", ExitCode = ExitCodes.Ok }, started);
            }

            if (plan.TotalFiles == 0)
            {
                return Fail(json, summary, "No file of the repository matches the filters.", ExitCodes.Failed, started);
            }

            var runner = engine.CreateRunner(hub);
            var options = RunOptions(settings, engine.Settings);
            var transferStarted = time.GetTimestamp();
            RepoDownloadResult result;
            if (json is not null)
            {
                tally = new DownloadTally(json);
                result = await runner.RunAsync(run, options, tally, interrupt.Token);
            }
            else
            {
                result = await RunWithProgressBarsAsync(runner, run, options, view => tally = new DownloadTally(view), interrupt.Token);
            }

            summary = summary with
            {
                Status = "completed",
                OutputDir = result.OutputDir,
                FilesDownloaded = result.FilesDownloaded,
                FilesSkipped = result.FilesSkipped,
                BytesFetched = result.BytesFetched,
                BytesResumed = result.BytesResumed,
                BytesSkipped = tally?.BytesSkipped ?? 0,
                ExitCode = ExitCodes.Ok,
            };
            if (json is null)
            {
                console.MarkupLine(
                    $"[green]Done[/]: {result.FilesDownloaded} downloaded, {result.FilesSkipped} already present, {FetchedText(result.BytesFetched, result.BytesResumed, transferStarted)} → {Markup.Escape(result.OutputDir)}");
            }

            return Finish(json, summary, started);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            if (json is null)
            {
                var onDisk = tally is null ? "" : $"{ByteSize.Format(tally.BytesFetched + tally.BytesResumed + tally.BytesSkipped)} on disk, ";
                console.MarkupLine($"[yellow]Paused[/]: {onDisk}partial files are kept; run the same command again to resume.");
            }

            // What the run did until Ctrl-C: the runner's result never comes, the tally saw every byte reported.
            summary = tally is null ? summary : summary with
            {
                FilesDownloaded = tally.FilesCompleted,
                FilesSkipped = tally.FilesSkipped,
                BytesFetched = tally.BytesFetched,
                BytesResumed = tally.BytesResumed,
                BytesSkipped = tally.BytesSkipped,
            };
            return Finish(json, summary with { Status = "cancelled", ExitCode = ExitCodes.Cancelled }, started);
        }
        catch (Exception e) when (e is HubException or RepoDownloadException or UnsafePathException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            return Fail(json, summary, e.Message, ExitCodes.Failed, started);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    // Flags beat the settings file for the two knobs the command exposes; the rest come from settings.
    private static RepoDownloadOptions RunOptions(Settings settings, HfDeskSettings effective) => RepoDownloadOptions.From(effective with
    {
        Connections = settings.Connections ?? effective.Connections,
        MaxActive = settings.MaxActive ?? effective.MaxActive,
    });

    private async Task<RepoDownloadResult> RunWithProgressBarsAsync(
        RepoDownloadRunner runner,
        RepoDownloadRun run,
        RepoDownloadOptions options,
        Func<IDownloadObserver, IDownloadObserver> observe,
        CancellationToken cancellationToken)
    {
        var plan = run.Plan;
        var repo = plan.Repo.ToString();
        console.MarkupLine(
            $"[bold]{Markup.Escape(repo)}[/] @ {Markup.Escape(plan.Revision)} ([grey]{plan.Commit[..12]}[/]): {plan.TotalFiles} files, {ByteSize.Format(plan.TotalSize)}, {ByteSize.Format(run.BytesToDownload)} to fetch");

        // Sizes and speed in ByteSize's decimal units, as everywhere else (Spectre's own columns use KiB), and
        // the speed from fetched bytes only: bytes resumed from disk took no time now.
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ByteCountColumn(),
                new FetchRateColumn())
            .StartAsync(ctx => runner.RunAsync(run, options, observe(new DownloadProgressView(ctx, repo)), cancellationToken));
    }

    /// <summary>"12 MB fetched in 3.1 s (3.87 MB/s), resumed: 120 MB already on disk".</summary>
    private string FetchedText(long fetched, long resumed, long transferStarted)
    {
        var seconds = time.GetElapsedTime(transferStarted).TotalSeconds;
        var text = $"{ByteSize.Format(fetched)} fetched";
        if (fetched > 0 && seconds > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" in {seconds:0.0} s ({ByteSize.Format((long)(fetched / seconds))}/s)");
        }

        return resumed > 0 ? $"{text}, resumed: {ByteSize.Format(resumed)} already on disk" : text;
    }

    private int Fail(DownloadJsonLines? json, DownloadSummary summary, string error, int exitCode, long started)
    {
        if (json is null)
        {
            console.MarkupLine($"[red]{(exitCode == ExitCodes.Usage ? "Error" : "Failed")}[/]: {Markup.Escape(error)}");
        }

        return Finish(json, summary with { Status = "failed", Error = error, ExitCode = exitCode }, started);
    }

    private int Finish(DownloadJsonLines? json, DownloadSummary summary, long started)
    {
        json?.WriteSummary(summary with { ElapsedSeconds = Math.Round(time.GetElapsedTime(started).TotalSeconds, 3) });
        return summary.ExitCode;
    }
}
