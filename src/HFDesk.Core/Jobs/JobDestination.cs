using HFDesk.Core.Storage;

namespace HFDesk.Core.Jobs;

/// <summary>
/// Where a job writes, frozen as absolute paths when the job is created so that a later settings change
/// never moves a job's files halfway (design.md: paths are decided once).
/// </summary>
/// <param name="OutputDir">Cache mode: the HF root R (friendly view under it); flat mode: the local root.</param>
/// <param name="HubDir">Cache mode: the hub dir H holding <c>models--o--n</c>; null in flat mode.</param>
/// <param name="Flat">True for real files under <c>&lt;OutputDir&gt;/&lt;owner&gt;/&lt;name&gt;</c> (LM Studio layout).</param>
internal sealed record JobDestination(string OutputDir, string? HubDir, bool Flat)
{
    /// <summary>The server's current roots: the global localDir when set, else the HF cache.</summary>
    public static JobDestination From(StorageRoots roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        return roots.LocalDir is { } localDir
            ? new JobDestination(localDir, null, Flat: true)
            : new JobDestination(roots.CacheDir, roots.HubDir, Flat: false);
    }

    public StorageDestination ToStorageDestination() => Flat || HubDir is null
        ? StorageDestination.Local(OutputDir)
        : StorageDestination.Cache(HubDir, OutputDir);
}
