using System.Collections.Concurrent;

namespace HFDesk.Core.Storage;

/// <summary>
/// Finds out once per directory whether symlinks can be created there, by creating one, as huggingface_hub's
/// <c>are_symlinks_supported</c> does: Windows without privilege, FAT/exFAT drives and some network shares refuse them.
/// </summary>
internal static class SymlinkProbe
{
    private static readonly ConcurrentDictionary<string, bool> Results = new(StringComparer.Ordinal);

    public static bool AreSupported(string directory) =>
        Results.GetOrAdd(Path.GetFullPath(directory), static dir => Probe(dir));

    private static bool Probe(string directory)
    {
        Directory.CreateDirectory(directory);
        var id = Guid.NewGuid().ToString("N");
        var target = Path.Combine(directory, $".hfdesk-probe-{id}.target");
        var link = Path.Combine(directory, $".hfdesk-probe-{id}.link");
        try
        {
            File.WriteAllBytes(target, []);
            File.CreateSymbolicLink(link, Path.GetFileName(target));
            return File.Exists(link);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
        finally
        {
            TryDelete(link);
            TryDelete(target);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A probe leftover is harmless; never fail a download over it.
        }
    }
}
