namespace HFDesk.Core.Hub;

/// <summary>
/// The weight formats a search result advertises, from its Hub tags and library (the listing carries no file
/// names): <c>gguf</c>, <c>mlx</c>, <c>safetensors</c>, <c>onnx</c>, in that order.
/// </summary>
internal static class RepoFormats
{
    private static readonly (string Format, string[] Markers)[] Known =
    [
        ("gguf", ["gguf"]),
        ("mlx", ["mlx"]),
        ("safetensors", ["safetensors"]),
        ("onnx", ["onnx", "transformers.js"]),
    ];

    public static IReadOnlyList<string> Of(RepoInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var found = new List<string>();
        foreach (var (format, markers) in Known)
        {
            if (markers.Any(m => info.Tags.Contains(m, StringComparer.OrdinalIgnoreCase) || string.Equals(info.LibraryName, m, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(format);
            }
        }

        return found;
    }
}
