using System.Text.RegularExpressions;
using HFDesk.Core.Planning;

namespace HFDesk.Core.Analysis;

/// <summary>What a GGUF-repo file name says: its role, its quantization label and its shard position.</summary>
internal sealed partial record GgufFileName(string Path, GgufFileRole Role, string? Quantization, string GroupKey, int ShardCount)
{
    /// <summary>Parses a .gguf file (or, for side files, an .imatrix/.dat next to them); null for anything else.</summary>
    public static GgufFileName? TryParse(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        var isGguf = FileSelector.IsGguf(path);
        if (name.Contains("imatrix", StringComparison.OrdinalIgnoreCase))
        {
            return new GgufFileName(path, GgufFileRole.SideFile, null, path, 1);
        }

        if (!isGguf)
        {
            return null;
        }

        var role = name.Contains("mmproj", StringComparison.OrdinalIgnoreCase) ? GgufFileRole.VisionProjector : GgufFileRole.Model;
        var shard = ShardMarker().Match(name);
        var shardCount = shard.Success ? int.Parse(shard.Groups["count"].ValueSpan, provider: null) : 1;
        return new GgufFileName(path, role, FindQuantization(path), FileSelector.SplitGroupKey(path) ?? path, shardCount);
    }

    /// <summary>
    /// The quantization named in the file name, else in the nearest folder ("Q4_K_M/…-00001-of-00003.gguf").
    /// The last match in the name wins: model names come first, the quant suffix last.
    /// </summary>
    public static string? FindQuantization(string path)
    {
        var segments = path.Split('/');
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            var matches = QuantToken().Matches(segments[i]);
            if (matches.Count > 0)
            {
                return Normalize(matches[^1].Value);
            }
        }

        return null;
    }

    private static string Normalize(string token)
    {
        var upper = token.ToUpperInvariant();
        return upper switch
        {
            "FP16" => "F16",
            "FP32" => "F32",
            _ => upper,
        };
    }

    // Longer suffixes first so alternation settles on XXS before XS before S; the boundary look-arounds keep
    // "Qwen" and "A3B" from reading as quants and let '_' end a token ("…_Q4_K_M_imat" is still Q4_K_M).
    [GeneratedRegex(
        @"(?<![A-Za-z0-9])(?:UD-)?(?:I?Q[1-8](?:_(?:XXL|XXS|XL|XS|KSS|KS|KT|KL|NL|R\d+|K|S|M|L|\d+))+|TQ[12]_0|MXFP4(?:_MOE)?|BF16|FP16|FP32|F16|F32)(?![A-Za-z0-9])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantToken();

    [GeneratedRegex(@"-\d{5}-of-(?<count>\d{5})\.gguf$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShardMarker();
}
