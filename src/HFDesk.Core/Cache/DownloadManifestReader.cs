using System.Text.Json;
using HFDesk.Core.Storage;

namespace HFDesk.Core.Cache;

/// <summary>Reads the manifest HFDesk leaves in a friendly-view or local folder; a broken one is reported, not fatal.</summary>
internal static class DownloadManifestReader
{
    // A manifest lists file names and sizes; anything this large is not ours.
    private const long MaxManifestBytes = 16L << 20;

    public static DownloadManifest? TryRead(string folder, List<string> warnings)
    {
        var path = Path.Combine(folder, DownloadManifest.FileName);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            if (info.Length > MaxManifestBytes)
            {
                warnings.Add($"{path}: manifest too large, ignored");
                return null;
            }

            using var stream = info.OpenRead();
            return JsonSerializer.Deserialize(stream, ManifestJsonContext.Default.DownloadManifest);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            warnings.Add($"{path}: unreadable manifest ({ex.Message})");
            return null;
        }
    }
}
