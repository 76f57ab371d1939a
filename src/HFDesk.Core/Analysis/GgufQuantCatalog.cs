using System.Text.RegularExpressions;

namespace HFDesk.Core.Analysis;

/// <summary>
/// What llama.cpp quantization labels mean to a user: quality 1–5, a one-line description, a RAM estimate,
/// and the order in which to recommend them.
/// </summary>
internal static partial class GgufQuantCatalog
{
    // Within one bit width: the standard K-quant first (K_M, or plain K where a width has no sizes, as Q6_K),
    // then the larger mixes that keep embeddings/output at higher precision, then the smaller ones, then legacy.
    private static readonly string[] VariantOrder =
        ["_K_M", "_K", "_K_XL", "_K_L", "_K_S", "_XS", "_NL", "_M", "_S", "_1", "_0", "_XXS"];

    // Recommendation rule, when Q4_K_M is absent: stay as close to 4-bit as possible. Step up in quality
    // (5, then 6 bit) before stepping down (3 bit), because below 4 bits quality falls off faster than size
    // shrinks; 8 bit before 2 bit and 1 bit; unquantized last (it is the largest and rarely what people run).
    private static readonly int[] BitPreference = [4, 5, 6, 3, 8, 2, 1, 16, 32];

    public static int Bits(string label)
    {
        var baseLabel = BaseLabel(label);
        if (baseLabel is "BF16" or "F16")
        {
            return 16;
        }

        if (baseLabel == "F32")
        {
            return 32;
        }

        if (baseLabel.StartsWith("MXFP4", StringComparison.Ordinal))
        {
            return 4;
        }

        var digit = FirstDigit().Match(baseLabel);
        return digit.Success ? digit.Value[0] - '0' : 0;
    }

    public static int Quality(string label) => Bits(label) switch
    {
        >= 6 => 5,
        5 => 4,
        4 => 3,
        3 => 2,
        _ => 1,
    };

    /// <summary>Lower is better; <see cref="int.MaxValue"/> for labels outside the known family.</summary>
    public static int RecommendationRank(string label)
    {
        var baseLabel = BaseLabel(label);
        if (baseLabel == "Q4_K_M" && !IsUnslothDynamic(label))
        {
            return -1;
        }

        var tier = Array.IndexOf(BitPreference, Bits(label));
        if (tier < 0)
        {
            return int.MaxValue;
        }

        var variant = VariantOrder.Length;
        for (var i = 0; i < VariantOrder.Length; i++)
        {
            if (baseLabel.EndsWith(VariantOrder[i], StringComparison.Ordinal))
            {
                variant = i;
                break;
            }
        }

        // ARM repacks (Q4_0_4_4, Q4_0_8_8) only pay off on specific CPUs: after the general 4-bit formats.
        if (RepackSuffix().IsMatch(baseLabel))
        {
            variant = VariantOrder.Length + 1;
        }

        // At equal shape prefer the plain quant over the dynamic one: it is what most tools and guides assume.
        return (tier * 100) + (variant * 2) + (IsUnslothDynamic(label) ? 1 : 0);
    }

    /// <summary>
    /// Rough memory to run the model: the weights (mapped whole) plus ~10% for the KV cache at a few thousand
    /// tokens of context and compute buffers, plus a fixed 512 MiB for the runtime itself.
    /// </summary>
    public static long EstimateRam(long weightBytes) => weightBytes + (weightBytes / 10) + (512L << 20);

    public static string Describe(string label)
    {
        var baseLabel = BaseLabel(label);
        var bits = Bits(label);
        var text = baseLabel switch
        {
            "F32" => "Unquantized 32-bit: the original weights, largest and slowest",
            "F16" or "BF16" => $"Unquantized 16-bit ({baseLabel}): original quality, very large",
            "Q8_0" => "8-bit: practically indistinguishable from the original",
            "Q4_K_M" => "4-bit K-quant, medium: the usual best balance of size and quality",
            _ when baseLabel.StartsWith("MXFP4", StringComparison.Ordinal) => "MXFP4 4-bit microscaling, the format OpenAI released gpt-oss in",
            _ when baseLabel.StartsWith("TQ", StringComparison.Ordinal) => "Ternary quant for BitNet-style models only",
            _ when RepackSuffix().IsMatch(baseLabel) => $"{bits}-bit repacked for ARM CPUs; {Tier(bits)}",
            _ when baseLabel.StartsWith("IQ", StringComparison.Ordinal) => $"{bits}-bit i-quant (imatrix): {Tier(bits)}; better per byte, slower on CPU",
            _ when baseLabel.EndsWith("_XL", StringComparison.Ordinal) || baseLabel.EndsWith("_K_L", StringComparison.Ordinal) =>
                $"{bits}-bit K-quant with embeddings and output kept at higher precision: {Tier(bits)}",
            _ when baseLabel.Contains("_K", StringComparison.Ordinal) => $"{bits}-bit K-quant ({SizeWord(baseLabel)}): {Tier(bits)}",
            _ => $"{bits}-bit legacy quant: {Tier(bits)}; K-quants of the same size are usually better",
        };

        return IsUnslothDynamic(label) ? $"Unsloth Dynamic {text[0..1].ToLowerInvariant()}{text[1..]}" : text;
    }

    public static bool IsUnslothDynamic(string label) => label.StartsWith("UD-", StringComparison.OrdinalIgnoreCase);

    private static string BaseLabel(string label) =>
        (IsUnslothDynamic(label) ? label[3..] : label).ToUpperInvariant();

    private static string Tier(int bits) => bits switch
    {
        >= 6 => "near-original quality",
        5 => "high quality",
        4 => "good quality",
        3 => "noticeably lower quality, for tight memory",
        _ => "very low quality, only when nothing larger fits",
    };

    private static string SizeWord(string baseLabel) => baseLabel[^1] switch
    {
        'S' => "small",
        'M' => "medium",
        'L' => "large",
        _ => "plain",
    };

    [GeneratedRegex(@"\d")]
    private static partial Regex FirstDigit();

    [GeneratedRegex(@"_\d_[48]_[48]$|_R\d+$")]
    private static partial Regex RepackSuffix();
}
