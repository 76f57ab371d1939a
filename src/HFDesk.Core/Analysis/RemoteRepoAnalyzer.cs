using System.Runtime.ExceptionServices;
using System.Text;
using HFDesk.Core.Gguf;
using HFDesk.Core.Hub;
using HFDesk.Core.Machine;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Analyzes a repository on the Hub: resolves the revision to a commit, lists the tree at that commit and reads
/// the small metadata files from it, so files, metadata and commit describe one snapshot even if the branch moves.
/// </summary>
internal sealed class RemoteRepoAnalyzer(HubClient hub, TimeProvider timeProvider, GgufHeaderSource? ggufHeaders = null)
{
    public const string DefaultRevision = "main";

    private const string ReadmeFile = "README.md";
    private readonly GgufHeaderSource _ggufHeaders = ggufHeaders ?? new GgufHeaderSource();

    public Task<RepoAnalysis> AnalyzeAsync(RepoId repo, bool dataset, string? revision, CancellationToken cancellationToken) =>
        AnalyzeAsync(repo, dataset, revision, budget: null, context: null, cancellationToken);

    /// <summary>
    /// Analyzes the model (or, with <paramref name="dataset"/>, the dataset). An id that names only a dataset,
    /// asked as a model, is analyzed as that dataset rather than reported missing: pasting a dataset id
    /// without ticking "dataset" is the common slip.
    /// </summary>
    /// <summary>
    /// The analysis an item selection is expanded against: files, detection and items only (no header, refs,
    /// README or dataset check), of exactly the repo type asked for.
    /// </summary>
    public Task<RepoAnalysis> AnalyzeForSelectionAsync(RepoId repo, bool dataset, string? revision, CancellationToken cancellationToken) =>
        AnalyzeAsAsync(repo, dataset, revision, GgufFitInputs.None, pageFacts: false, cancellationToken);

    // budget: the memory GGUF quants are fitted into (null: no fit badges); context: what estimates assume (null: default).
    public async Task<RepoAnalysis> AnalyzeAsync(RepoId repo, bool dataset, string? revision, MemoryBudget? budget, long? context, CancellationToken cancellationToken)
    {
        var fit = new GgufFitInputs(null, budget, context);
        if (dataset)
        {
            return await AnalyzeAsAsync(repo, dataset: true, revision, fit, pageFacts: true, cancellationToken);
        }

        try
        {
            return await AnalyzeAsAsync(repo, dataset: false, revision, fit, pageFacts: true, cancellationToken);
        }
        catch (HubException modelMissing) when (modelMissing.Kind == HubErrorKind.NotFound)
        {
            try
            {
                return await AnalyzeAsAsync(repo, dataset: true, revision, fit, pageFacts: true, cancellationToken);
            }
            catch (HubException)
            {
                // Not a dataset either: the model's answer (404, or 401 for "maybe private") is the one to give,
                // with the stack trace of where it was first thrown.
                ExceptionDispatchInfo.Throw(modelMissing);
                throw;
            }
        }
    }

    private async Task<RepoAnalysis> AnalyzeAsAsync(RepoId repo, bool dataset, string? revision, GgufFitInputs fit, bool pageFacts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var type = dataset ? RepoType.Dataset : RepoType.Model;
        var rev = string.IsNullOrWhiteSpace(revision) ? DefaultRevision : revision.Trim();
        var info = await hub.GetRepoInfoAsync(repo, type, rev, cancellationToken);
        var commit = info.Sha ?? throw new HubException(
            HubErrorKind.Upstream,
            $"{hub.Endpoint.Authority} described {type.Word()} {repo} without a commit; it does not look like a Hugging Face Hub.");

        var files = await hub.GetTreeAsync(repo, type, commit, cancellationToken);
        var hints = new RepoHints(info.Tags, info.LibraryName, info.PipelineTag);
        var snapshot = new RepoSnapshot(repo, dataset, rev, commit, files);
        var refs = pageFacts ? ReadRefsAsync(repo, type, cancellationToken) : Task.FromResult<RepoRefs?>(null);
        var readme = pageFacts && files.Any(f => f.Path == ReadmeFile && f.Size <= RepoAnalyzer.MaxMetadataBytes)
            ? ReadMetadataAsync(repo, type, commit, ReadmeFile, cancellationToken)
            : Task.FromResult<string?>(null);
        var analyzer = new RepoAnalyzer(timeProvider);
        var metadata = await RepoAnalyzer.LoadMetadataAsync(snapshot, (path, ct) => ReadMetadataAsync(repo, type, commit, path, ct), cancellationToken);
        var analysis = analyzer.Analyze(snapshot, metadata, hints);
        if (!pageFacts)
        {
            return analysis;
        }

        if (analysis.Gguf is { } gguf && gguf.Quantizations.FirstOrDefault(q => q.Recommended) is { } probe)
        {
            // Every quant of a repo shares one architecture: the header of the first file of any of them will do
            // (the first shard is the one that carries the metadata).
            var file = files.First(f => f.Path == probe.Files[0]);
            var shape = await _ggufHeaders.ReadShapeAsync(hub, repo, type, commit, file, cancellationToken);
            analysis = analyzer.Analyze(snapshot, metadata, hints, fit with { Shape = shape });
        }

        analysis = analysis with
        {
            Hub = new RepoHubFacts
            {
                Gated = info.Gated,
                Private = info.Private,
                Downloads = info.Downloads,
                Likes = info.Likes,
                LastModified = info.LastModified,
                Refs = await refs,
                Readme = await readme,
                RepoPage = hub.RepoPageUrl(repo, type),
                HubEndpoint = hub.Endpoint,
            },
        };
        return dataset ? analysis : analysis with { AlsoDataset = await ExistsAsDatasetAsync(repo, cancellationToken) };
    }

    private async Task<RepoRefs?> ReadRefsAsync(RepoId repo, RepoType type, CancellationToken cancellationToken)
    {
        try
        {
            return await hub.GetRefsAsync(repo, type, cancellationToken);
        }
        catch (HubException)
        {
            // A revision picker is a convenience: the analysis stands without it.
            return null;
        }
    }

    // Gated repos list their files to everyone but serve bytes only to accepted users: the analysis then
    // works from file names alone rather than failing.
    private async Task<string?> ReadMetadataAsync(RepoId repo, RepoType type, string commit, string path, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await hub.ReadSmallFileAsync(repo, type, commit, path, (int)RepoAnalyzer.MaxMetadataBytes, cancellationToken);
            return bytes is null ? null : Encoding.UTF8.GetString(bytes);
        }
        catch (HubException e) when (e.Kind is HubErrorKind.Gated or HubErrorKind.Unauthorized or HubErrorKind.Forbidden or HubErrorKind.EntryNotFound or HubErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<bool> ExistsAsDatasetAsync(RepoId repo, CancellationToken cancellationToken)
    {
        try
        {
            await hub.GetRepoInfoAsync(repo, RepoType.Dataset, null, cancellationToken);
            return true;
        }
        catch (HubException)
        {
            // Missing, private or unreachable: either way there is no dataset to point the user to.
            return false;
        }
    }
}
