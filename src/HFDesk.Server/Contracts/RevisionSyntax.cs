using System.Diagnostics.CodeAnalysis;

namespace HFDesk.Server.Contracts;

/// <summary>
/// The revision forms a request may name: a branch or tag (git ref-name rules, slashes allowed), a 40-hex
/// commit, or <c>refs/pr/N</c>. Anything else is refused before it reaches a URL or a cache <c>refs/</c> path.
/// </summary>
internal static class RevisionSyntax
{
    public const int MaxLength = 255;

    public static bool TryValidate(string revision, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (revision.StartsWith("refs/", StringComparison.Ordinal))
        {
            var number = revision["refs/pr/".Length..];
            if (revision.StartsWith("refs/pr/", StringComparison.Ordinal) && number.Length is > 0 and <= 9 && number.All(char.IsAsciiDigit))
            {
                return true;
            }

            error = $"Revision '{revision}' is not valid: the only refs/ form accepted is refs/pr/N";
            return false;
        }

        if (revision.Length > MaxLength)
        {
            error = $"Revision is longer than {MaxLength} characters";
            return false;
        }

        // git check-ref-format: these would also be unsafe as path segments under the cache's refs/ folder.
        if (revision.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\')
            || revision.Contains("..", StringComparison.Ordinal)
            || revision.Contains("//", StringComparison.Ordinal)
            || revision.Contains("@{", StringComparison.Ordinal)
            || revision == "@"
            || revision[0] is '/' or '-' or '.'
            || revision[^1] is '/' or '.'
            || revision.EndsWith(".lock", StringComparison.Ordinal)
            || revision.Contains("/.", StringComparison.Ordinal))
        {
            error = $"Revision '{revision}' is not a valid branch, tag, commit or refs/pr/N";
            return false;
        }

        return true;
    }
}
