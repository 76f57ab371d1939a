using System.Text.RegularExpressions;

namespace HFDesk.Core.Mirror;

/// <summary>
/// api.md's <c>repoFilter</c>: case-insensitive on <c>owner/name</c>; <c>*</c> is a wildcard, without one it is a
/// substring. Only characters a repo id can hold (plus <c>*</c>) are accepted, so a filter can never carry a
/// path (<c>..</c>, separators other than the one <c>/</c>, control characters).
/// </summary>
internal sealed class MirrorRepoFilter
{
    private readonly Regex? _pattern;
    private readonly string _text;

    private MirrorRepoFilter(string text, Regex? pattern)
    {
        _text = text;
        _pattern = pattern;
    }

    public static bool TryParse(string? value, out MirrorRepoFilter? filter, out string error)
    {
        filter = null;
        error = "";
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return true;
        }

        if (text.Length > 200
            || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '*')
            || text.Contains("..", StringComparison.Ordinal)
            || text.Count(c => c == '/') > 1)
        {
            error = "repoFilter may only hold letters, digits, '-', '_', '.', one '/' and '*' (no '..')";
            return false;
        }

        Regex? pattern = null;
        if (text.Contains('*', StringComparison.Ordinal))
        {
            var body = string.Join(".*", text.Split('*').Select(Regex.Escape));
            pattern = new Regex("^" + body + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }

        filter = new MirrorRepoFilter(text, pattern);
        return true;
    }

    public bool Matches(string repoId) =>
        _pattern?.IsMatch(repoId) ?? repoId.Contains(_text, StringComparison.OrdinalIgnoreCase);
}
