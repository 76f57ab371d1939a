namespace HFDesk.Core.Storage;

/// <summary>
/// Where the engine writes a file's bytes (<see cref="TempPath"/>) and its resume journal, and where the
/// file ends up once committed (<see cref="FinalPath"/>: the snapshot entry or the real file).
/// </summary>
internal sealed record StagedFilePaths(string TempPath, string JournalPath, string FinalPath);
