using System.Text;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Analysis;

/// <summary>
/// Analyzes a repository on the Hub: resolves the revision to a commit, lists the tree at that commit and reads
/// the small metadata files from it, so files, metadata and commit describe one snapshot even if the branch moves.
/// </summary>
public sealed class RemoteRepoAnalyzer(HubClient hub, TimeProvider timeProvider)
{
    public const string DefaultRevision = "main";

    /// <summary>
    /// Analyzes the model (or, with <paramref name="dataset"/>, the dataset). An id that names only a dataset,
    /// asked as a model, is analyzed as that dataset rather than reported missing: pasting a dataset id
    /// without ticking "dataset" is the common slip.
    /// </summary>
    public async Task<RepoAnalysis> AnalyzeAsync(RepoId repo, bool dataset, string? revision, CancellationToken cancellationToken)
    {
        if (dataset)
        {
            return await AnalyzeAsAsync(repo, dataset: true, revision, cancellationToken);
        }

        try
        {
            return await AnalyzeAsAsync(repo, dataset: false, revision, cancellationToken);
        }
        catch (HubException modelMissing) when (modelMissing.Kind == HubErrorKind.NotFound)
        {
            try
            {
                return await AnalyzeAsAsync(repo, dataset: true, revision, cancellationToken);
            }
            catch (HubException)
            {
                // Not a dataset either: the model's answer (404, or 401 for "maybe private") is the one to give.
                throw modelMissing;
            }
        }
    }

    private async Task<RepoAnalysis> AnalyzeAsAsync(RepoId repo, bool dataset, string? revision, CancellationToken cancellationToken)
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
        var analysis = await new RepoAnalyzer(timeProvider).AnalyzeAsync(
            new RepoSnapshot(repo, dataset, rev, commit, files),
            (path, ct) => ReadMetadataAsync(repo, type, commit, path, ct),
            hints,
            cancellationToken);

        return dataset ? analysis : analysis with { AlsoDataset = await ExistsAsDatasetAsync(repo, cancellationToken) };
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
