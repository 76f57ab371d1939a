using System.Text.RegularExpressions;

namespace HFDesk.Core.Cache;

/// <summary>
/// Finds the quantization a GGUF file holds from its name or folder (<c>Qwen3-8B-Q4_K_M.gguf</c>,
/// <c>UD-Q2_K_XL/…-00001-of-00003.gguf</c>). Only names: the cache browser must not open multi-GB files.
/// </summary>
internal static partial class GgufQuantizationNames
{
    public static string? Find(string repoPath)
    {
        if (!repoPath.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var fileName = repoPath[(repoPath.LastIndexOf('/') + 1)..];
        // Vision projectors and importance matrices sit beside the weights but are not quantizations of them.
        if (fileName.Contains("mmproj", StringComparison.OrdinalIgnoreCase)
            || fileName.Contains("imatrix", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var match = QuantPattern().Match(fileName);
        if (!match.Success)
        {
            var slash = repoPath.LastIndexOf('/');
            if (slash > 0)
            {
                var folder = repoPath[..slash];
                match = QuantPattern().Match(folder[(folder.LastIndexOf('/') + 1)..]);
            }
        }

        return match.Success ? match.Value.ToUpperInvariant() : null;
    }

    public static IReadOnlyList<string> FindAll(IEnumerable<string> repoPaths) =>
        repoPaths.Select(Find).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(
        @"(?<![A-Za-z0-9])(?:UD-)?(?:IQ[1-4]_(?:XXS|XS|NL|S|M)|IQ[1-4]_K(?:_[SML])?|Q[2-8]_K(?:_XL|_L|_M|_S)?|Q[4-8]_[01]|TQ[12]_0|BF16|F16|F32|MXFP4(?:_MOE)?)(?![A-Za-z0-9])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantPattern();
}
