namespace HFDesk.Bench;

/// <summary>What one scenario downloads (files by URL, with their sizes and hashes) and which tools race on it.</summary>
internal sealed record BenchScenario(string Name, string Description, IReadOnlyList<BenchFile> Files, IReadOnlyList<BenchTool> Tools)
{
    public long TotalBytes => Files.Sum(f => f.Size);
}

/// <summary>One file to fetch: its resolved URL (the CDN for LFS files), repo path (where a snapshot puts it), a flat name
/// for tools that write one directory, size and SHA-256.</summary>
internal sealed record BenchFile(Uri Url, string RepoPath, string FileName, long Size, string Sha256);
