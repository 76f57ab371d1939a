namespace HFDesk.Core.Cache;

/// <param name="Repos">Hub cache repos whose friendly view was recreated.</param>
/// <param name="FilesLinked">Friendly-view entries checked or recreated.</param>
/// <param name="Removed">Orphans removed by <c>clean</c>: friendly-view folders with no hub entry, dangling links.</param>
/// <param name="Warnings">What could not be done (unsafe names, I/O errors).</param>
internal sealed record CacheRebuildResult(int Repos, int FilesLinked, IReadOnlyList<string> Removed, IReadOnlyList<string> Warnings);
