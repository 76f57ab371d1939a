using System.Globalization;

namespace HFDesk.Core.Storage;

/// <summary>
/// huggingface_hub's <c>.cache/huggingface/download/&lt;path&gt;.metadata</c>: <c>commit\netag\ntimestamp\n</c>, the etag
/// unquoted (the sha256 for LFS files), the timestamp a Unix float.
/// </summary>
internal sealed record LocalDirMetadata(string Commit, string Etag, double Timestamp)
{
    public string Format() =>
        $"{Commit}\n{Etag}\n{Timestamp.ToString("0.0######", CultureInfo.InvariantCulture)}\n";

    public static LocalDirMetadata? TryRead(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var lines = File.ReadAllText(path).Split('\n');
            if (lines.Length < 3
                || !double.TryParse(lines[2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var timestamp))
            {
                return null;
            }

            return new LocalDirMetadata(lines[0].Trim(), lines[1].Trim(), timestamp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
