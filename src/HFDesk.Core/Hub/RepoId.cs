using System.Diagnostics.CodeAnalysis;

namespace HFDesk.Core.Hub;

/// <summary>
/// An <c>owner/name</c> repository id, validated by the Hub's naming rules, or a bare <c>name</c> for the Hub's
/// oldest canonical repos (<c>gpt2</c>, <c>bert-base-uncased</c>, <c>datasets/squad</c>), whose owner is empty.
/// </summary>
internal readonly record struct RepoId
{
    public const int MaxNameLength = 96;

    /// <summary>The Hub's own usernames and organisations are far shorter; the bound keeps a pasted megabyte out of URLs and messages.</summary>
    public const int MaxOwnerLength = 96;

    private RepoId(string owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    /// <summary>Empty for a repo without an owner: it appears as <c>name</c> in URLs and <c>models--name</c> in the cache.</summary>
    public string Owner { get; }

    public string Name { get; }

    public bool HasOwner => Owner.Length > 0;

    public override string ToString() => HasOwner ? $"{Owner}/{Name}" : Name;

    /// <summary>The id from route or path parts: an empty <paramref name="owner"/> names a repo without an owner.</summary>
    public static bool TryParse(string? owner, string? name, out RepoId id, [NotNullWhen(false)] out string? error) =>
        TryParse(string.IsNullOrEmpty(owner) ? name : $"{owner}/{name}", out id, out error);

    public static RepoId Parse(string value) =>
        TryParse(value, out var id, out var error) ? id : throw new FormatException(error);

    public static bool TryParse(string? value, out RepoId id) => TryParse(value, out id, out _);

    public static bool TryParse(string? value, out RepoId id, [NotNullWhen(false)] out string? error)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "Repository id is required (owner/name)";
            return false;
        }

        if (value.Length > MaxOwnerLength + 1 + MaxNameLength)
        {
            // Not echoed: an oversized id would otherwise come back whole in the error (issue 12).
            error = $"Repository id is longer than {MaxOwnerLength + 1 + MaxNameLength} characters";
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash != value.LastIndexOf('/'))
        {
            error = $"Repository id '{value}' must have the form owner/name (or name alone)";
            return false;
        }

        // One segment is a canonical repo without an owner; the part rules below still refuse "." and "..".
        var owner = slash < 0 ? "" : value[..slash];
        var name = value[(slash + 1)..];
        if ((slash >= 0 && !IsValidPart(owner, out error)) || !IsValidPart(name, out error))
        {
            error = $"Repository id '{value}' is invalid: {error}";
            return false;
        }

        if (owner.Length > MaxOwnerLength)
        {
            error = $"Repository id '{value}' is invalid: the owner is longer than {MaxOwnerLength} characters";
            return false;
        }

        if (name.Length > MaxNameLength)
        {
            error = $"Repository id '{value}' is invalid: the name is longer than {MaxNameLength} characters";
            return false;
        }

        id = new RepoId(owner, name);
        error = null;
        return true;
    }

    private static bool IsValidPart(string part, [NotNullWhen(false)] out string? error)
    {
        if (part.Length == 0)
        {
            error = "owner and name must not be empty";
            return false;
        }

        foreach (var c in part)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                error = $"'{c}' is not allowed (letters, digits, '-', '_' and '.' only)";
                return false;
            }
        }

        if (part.Contains("--", StringComparison.Ordinal) || part.Contains("..", StringComparison.Ordinal))
        {
            error = "'--' and '..' are not allowed";
            return false;
        }

        if (part[0] is '-' or '.' || part[^1] is '-' or '.')
        {
            error = "a part must not start or end with '-' or '.'";
            return false;
        }

        error = null;
        return true;
    }
}
