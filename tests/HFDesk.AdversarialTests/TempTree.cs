namespace HFDesk.AdversarialTests;

/// <summary>
/// A temp folder holding the server's roots and, beside them, <c>outside/</c> with a file that must survive.
/// <see cref="Snapshot"/> lists every entry outside the roots, so a test can show that nothing there was
/// created, changed or deleted.
/// </summary>
internal sealed class TempTree : IDisposable
{
    public static readonly string[] Roots = ["cache", "local", "scan", "data", "mirror"];

    public TempTree()
    {
        Root = Directory.CreateTempSubdirectory("hfdesk-adv-").FullName;
        foreach (var root in Roots)
        {
            Directory.CreateDirectory(Combine(root));
        }

        Directory.CreateDirectory(Combine("outside", "owner", "name"));
        File.WriteAllText(Combine("outside", "owner", "name", "precious.txt"), "must survive");
        Directory.CreateDirectory(Combine("home"));
    }

    public string Root { get; }

    public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Every path (with size and write time) under the tree but outside the roots.</summary>
    public IReadOnlySet<string> Snapshot()
    {
        var entries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(Root, entry.FullName);
            var top = relative.Split(Path.DirectorySeparatorChar)[0];
            if (Roots.Contains(top, StringComparer.Ordinal))
            {
                continue;
            }

            entries.Add(entry is FileInfo file ? $"{relative} {file.Length} {file.LastWriteTimeUtc.Ticks}" : relative);
        }

        return entries;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a stopping server; the OS temp cleaner gets it.
        }
    }
}
