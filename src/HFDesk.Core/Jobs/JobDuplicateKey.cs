using HFDesk.Core.Hub;

namespace HFDesk.Core.Jobs;

/// <summary>
/// What makes two download requests the same job (api.md): repo, revision, dataset, filter and exclude sets,
/// exactMatch and destination. Filters match case-insensitively, so their sets compare that way too.
/// </summary>
internal readonly record struct JobDuplicateKey(
    string Repo,
    RepoType Type,
    string Revision,
    string Filters,
    string Excludes,
    bool ExactMatch,
    string OutputDir,
    string HubDir,
    bool Flat)
{
    public static JobDuplicateKey Of(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var request = job.Request;
        var destination = job.Destination;
        return new JobDuplicateKey(
            request.Repo.ToString().ToUpperInvariant(),
            request.Type,
            request.Revision,
            SetOf(request.Filters),
            SetOf(request.Excludes),
            request.ExactMatch,
            NormalizePath(destination.OutputDir),
            destination.HubDir is null ? string.Empty : NormalizePath(destination.HubDir),
            destination.Flat);
    }

    private static string SetOf(IEnumerable<string> values) => string.Join(
        '\n',
        values.Select(v => v.Trim().ToUpperInvariant()).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal));

    private static string NormalizePath(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? full.ToUpperInvariant() : full;
    }
}
