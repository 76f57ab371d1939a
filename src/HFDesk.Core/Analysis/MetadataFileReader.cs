namespace HFDesk.Core.Analysis;

/// <summary>
/// Reads one small repo file (config.json and the like) at the analyzed commit; null when it cannot be read.
/// The analyzer only asks for files the tree lists at or below <see cref="RepoAnalyzer.MaxMetadataBytes"/>.
/// </summary>
internal delegate Task<string?> MetadataFileReader(string path, CancellationToken cancellationToken);
