namespace HFDesk.Core.Storage;

/// <summary>The CACHEDIR.TAG huggingface_hub writes so backup tools skip the cache (https://bford.info/cachedir/).</summary>
internal static class CacheDirTag
{
    public const string FileName = "CACHEDIR.TAG";

    public const string Content =
        "Signature: 8a477f597d28d172789f06886806bc55\n" +
        "# This file is a cache directory tag created by HFDesk.\n" +
        "# For information about cache directory tags, see:\n" +
        "#\thttps://bford.info/cachedir/\n";

    public static void EnsureIn(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            AtomicFile.WriteAllText(path, Content);
        }
    }
}
