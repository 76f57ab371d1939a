namespace HFDesk.Core.Hub;

/// <summary>
/// A repository named in free text: <c>owner/name</c>, <c>datasets/owner/name</c>, or a pasted Hub URL such as
/// <c>https://huggingface.co/owner/name/tree/main</c> or <c>…/datasets/owner/name</c> (any host: mirrors too).
/// </summary>
/// <param name="Repo">The repository named.</param>
/// <param name="Type">Null when the text does not say (plain <c>owner/name</c>); a URL or prefix always says.</param>
/// <param name="FromUrl">True for a pasted URL: the user meant that repo, so a miss is an error, not a search.</param>
internal sealed record HubRepoReference(RepoId Repo, RepoType? Type, bool FromUrl)
{
    private static readonly HashSet<string> RepoPageWords = new(StringComparer.Ordinal)
    {
        "tree", "blob", "resolve", "raw", "commits", "commit", "discussions", "edit",
    };

    /// <summary>
    /// Null for text that names no repo (a search phrase). Throws <see cref="FormatException"/> for a URL that is
    /// not a model or dataset page (a Space, a user page), so the caller can say so instead of searching for it.
    /// </summary>
    public static HubRepoReference? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (LooksLikeUrl(value))
        {
            return ParseUrl(value);
        }

        if (value.StartsWith("datasets/", StringComparison.Ordinal) && RepoId.TryParse(value["datasets/".Length..], out var dataset))
        {
            return new HubRepoReference(dataset, RepoType.Dataset, FromUrl: false);
        }

        if (value.StartsWith("models/", StringComparison.Ordinal) && RepoId.TryParse(value["models/".Length..], out var model))
        {
            return new HubRepoReference(model, RepoType.Model, FromUrl: false);
        }

        // A lone word ("llama", or "gpt2") is a search: the search endpoint still opens an exact id match, and
        // treating every word as a repo would cost a Hub round trip per keystroke search.
        return value.Contains('/', StringComparison.Ordinal) && RepoId.TryParse(value, out var repo)
            ? new HubRepoReference(repo, null, FromUrl: false)
            : null;
    }

    /// <summary>
    /// Like <see cref="Parse"/> for an argument that can only be a repo (the CLI's <c>analyze gpt2</c>): a lone
    /// word there is a repo without an owner, not a search.
    /// </summary>
    public static HubRepoReference? ParseArgument(string? text) =>
        Parse(text) ?? (RepoId.TryParse(text?.Trim(), out var repo) ? new HubRepoReference(repo, null, FromUrl: false) : null);

    private static bool LooksLikeUrl(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("huggingface.co/", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("hf.co/", StringComparison.OrdinalIgnoreCase);

    private static HubRepoReference ParseUrl(string value)
    {
        var withScheme = value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
        {
            throw new FormatException($"'{value}' is not a valid URL.");
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var type = RepoType.Model;
        var start = 0;
        if (segments.Length > 0)
        {
            switch (segments[0])
            {
                case "datasets":
                    type = RepoType.Dataset;
                    start = 1;
                    break;
                case "models":
                    start = 1;
                    break;
                case "spaces":
                    throw new FormatException("Spaces are not supported: paste the URL of a model or a dataset.");
                default:
                    break;
            }
        }

        // huggingface.co/gpt2 and huggingface.co/gpt2/tree/main name a repo without an owner: the Hub reserves
        // these page words, so "gpt2/tree" followed by more is never owner/name.
        var ownerless = segments.Length == start + 1
            || (segments.Length > start + 2 && RepoPageWords.Contains(segments[start + 1]));
        var idText = ownerless && segments.Length > start
            ? segments[start]
            : segments.Length >= start + 2 ? $"{segments[start]}/{segments[start + 1]}" : null;
        if (idText is null || !RepoId.TryParse(idText, out var repo))
        {
            throw new FormatException($"'{value}' is not the URL of a model or dataset (expected …/owner/name or …/datasets/owner/name).");
        }

        return new HubRepoReference(repo, type, FromUrl: true);
    }
}
