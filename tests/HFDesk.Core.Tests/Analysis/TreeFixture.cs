using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HFDesk.Core.Hub;

namespace HFDesk.Core.Tests.Analysis;

/// <summary>
/// Builds realistic repo trees from "path size" lines ("model-Q4_K_M.gguf 4.92G"); binary weights and files
/// over 10 MB become LFS files, as the Hub stores them.
/// </summary>
internal static class TreeFixture
{
    public static IReadOnlyList<RepoFile> Parse(string lines) =>
        [.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseLine)];

    public static long Size(string text)
    {
        var unit = char.ToUpperInvariant(text[^1]);
        var factor = unit switch
        {
            'K' => 1_000L,
            'M' => 1_000_000L,
            'G' => 1_000_000_000L,
            _ => 1L,
        };
        var number = factor == 1 ? text : text[..^1];
        return (long)Math.Round(double.Parse(number, CultureInfo.InvariantCulture) * factor);
    }

    private static RepoFile ParseLine(string line)
    {
        var space = line.LastIndexOf(' ');
        var path = space < 0 ? line : line[..space].Trim();
        var size = space < 0 ? 1234 : Size(line[(space + 1)..]);
        // Fixture oids only need to be 40 hex and distinct; no git hashing is modelled here.
        var oid = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("oid:" + path)))[..40];
        var lfs = size > 10_000_000 || IsBinaryWeight(path)
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("lfs:" + path)))
            : null;
        return new RepoFile(path, size, oid, lfs);
    }

    private static bool IsBinaryWeight(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".gguf" or ".safetensors" or ".bin" or ".onnx" or ".onnx_data"
            or ".h5" or ".msgpack" or ".pth" or ".pt" or ".ot" or ".tflite" or ".parquet" or ".arrow" or ".npz";
}
