using System.Text;

namespace HFDesk.Core.Storage;

/// <summary>
/// Writes small files by temp-then-rename so a reader (or a crash) never sees half a ref, metadata or manifest.
/// The temp file lives next to the target because a rename is only atomic within one volume.
/// </summary>
internal static class AtomicFile
{
    // durable: fsync before the rename, for files whose loss after a crash matters (refs, manifests). Per-file
    // local-dir metadata skips it: losing it costs a re-check, and 300 fsyncs would slow a many-file download.
    public static void WriteAllText(string path, string content, bool durable = true) =>
        WriteAllBytes(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content), Path.GetDirectoryName(path)!, durable);

    public static void WriteAllBytes(string path, byte[] content) =>
        WriteAllBytes(path, content, Path.GetDirectoryName(path)!);

    // tempDirectory: where the temp file goes when a stray temp next to the target would be read as data (refs/).
    // unixCreateMode: the file's mode from the moment it exists (a secret must never be readable, even briefly).
    public static void WriteAllBytes(string path, byte[] content, string tempDirectory, bool durable = true, UnixFileMode? unixCreateMode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(tempDirectory);
        var temp = Path.Combine(tempDirectory, Path.GetFileName(TempNameFor(path)));
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (unixCreateMode is { } mode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: durable);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Copies to a temp name next to the destination, then renames it over the destination.</summary>
    public static async Task CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temp = TempNameFor(destination);
        try
        {
            await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await input.CopyToAsync(output, 1 << 20, cancellationToken);
            }

            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Puts a symlink (or nothing else) at <paramref name="linkPath"/> in one rename, replacing what was there.</summary>
    public static void ReplaceWithSymlink(string linkPath, string relativeTarget)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(linkPath)!);
        var temp = TempNameFor(linkPath);
        try
        {
            File.CreateSymbolicLink(temp, relativeTarget);
            File.Move(temp, linkPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp) || new FileInfo(temp).LinkTarget is not null)
            {
                File.Delete(temp);
            }
        }
    }

    public static string TempNameFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.hfdesk-tmp");
}
