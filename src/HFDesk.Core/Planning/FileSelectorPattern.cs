using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace HFDesk.Core.Planning;

/// <summary>
/// One filter or exclude, matched case-insensitively against a repo path. Three forms:
/// a glob when it holds <c>*</c> or <c>?</c> (matched against the whole path, <c>*</c> crossing '/' as
/// fnmatch does in huggingface_hub's allow_patterns); otherwise a substring; with exact match a substring
/// that must sit on name-token boundaries.
/// </summary>
internal sealed class FileSelectorPattern
{
    // Tokens that continue a quantization name after '_' (Q4_K_M, IQ2_XXS, Q4_0_4_4, IQ4_NL, IQ2_KS).
    // Exact match refuses to stop before one of them, so "q6_k" never takes "Q6_K_XL".
    private static readonly HashSet<string> QuantContinuations = new(StringComparer.OrdinalIgnoreCase)
    {
        "K", "S", "M", "L", "XL", "XXL", "XS", "XXS", "NL", "KS", "KSS", "KT", "KL", "KM",
    };

    private static readonly SearchValues<char> TokenSeparators = SearchValues.Create("_-./ ");
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private readonly string _text;
    private readonly Regex? _glob;
    private readonly bool _exact;

    private FileSelectorPattern(string text, Regex? glob, bool exact)
    {
        _text = text;
        _glob = glob;
        _exact = exact;
    }

    public static FileSelectorPattern Create(string filter, bool exactMatch)
    {
        var text = filter.Trim().Replace('\\', '/');
        return text.AsSpan().IndexOfAny('*', '?') >= 0
            ? new FileSelectorPattern(text, GlobToRegex(text), exactMatch)
            : new FileSelectorPattern(text, null, exactMatch);
    }

    public bool IsMatch(string path)
    {
        if (_glob is not null)
        {
            return _glob.IsMatch(path);
        }

        if (!_exact)
        {
            return path.Contains(_text, StringComparison.OrdinalIgnoreCase);
        }

        for (var start = path.IndexOf(_text, StringComparison.OrdinalIgnoreCase);
             start >= 0;
             start = start + 1 < path.Length ? path.IndexOf(_text, start + 1, StringComparison.OrdinalIgnoreCase) : -1)
        {
            if (IsLeftBoundary(path, start) && IsRightBoundary(path, start + _text.Length))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => _text;

    private static bool IsSeparator(char c) => c is '/' or '-' or '.' or ' ';

    private bool IsLeftBoundary(string path, int start)
    {
        if (start == 0 || IsSeparator(_text[0]) || IsSeparator(path[start - 1]))
        {
            return true;
        }

        // "k_m" must not match the tail of "Q4_K_M": '_' only bounds a match that does not begin mid-quant.
        return path[start - 1] == '_' && !IsQuantContinuation(FirstToken(_text));
    }

    private bool IsRightBoundary(string path, int end)
    {
        if (end == path.Length || IsSeparator(_text[^1]) || IsSeparator(path[end]))
        {
            return true;
        }

        return path[end] == '_' && !IsQuantContinuation(FirstToken(path.AsSpan(end + 1)));
    }

    private static ReadOnlySpan<char> FirstToken(ReadOnlySpan<char> text)
    {
        var stop = text.IndexOfAny(TokenSeparators);
        return stop < 0 ? text : text[..stop];
    }

    private static bool IsQuantContinuation(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty)
        {
            return false;
        }

        if (!token.ContainsAnyExcept(Digits))
        {
            return true;
        }

        // Repacked rows such as Q4_0_R4 / IQ4_XS_R8.
        if (token.Length >= 2 && (token[0] is 'r' or 'R') && !token[1..].ContainsAnyExcept(Digits))
        {
            return true;
        }

        return QuantContinuations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(token);
    }

    private static Regex GlobToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        foreach (var c in glob)
        {
            pattern.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                _ => Regex.Escape(c.ToString()),
            });
        }

        pattern.Append('$');
        return new Regex(
            pattern.ToString(),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline,
            TimeSpan.FromSeconds(1));
    }
}
