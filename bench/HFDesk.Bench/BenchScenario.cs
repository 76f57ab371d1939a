namespace HFDesk.Bench;

/// <summary>What one scenario downloads (files by URL, with their sizes and hashes) and which tools race on it.</summary>
internal sealed record BenchScenario(string Name, string Description, IReadOnlyList<BenchFile> Files, IReadOnlyList<BenchTool> Tools)
{
    public long TotalBytes => Files.Sum(f => f.Size);
}

internal sealed record BenchFile(Uri Url, string FileName, long Size, string Sha256);
