using System.Text;

namespace HFDesk.Core.Hub;

/// <summary>
/// Builds Hub URLs. Revisions are one %-encoded segment (<c>refs/pr/1</c> → <c>refs%2Fpr%2F1</c>, as huggingface_hub
/// sends them); file paths are encoded per segment, keeping <c>/</c>.
/// </summary>
internal sealed class HubUrls(Uri endpoint)
{
    private readonly string _base = endpoint.AbsoluteUri.TrimEnd('/');

    public Uri Endpoint { get; } = endpoint;

    public Uri RepoInfo(RepoId repo, RepoType type, string? revision) => revision is null
        ? new Uri($"{ApiRepo(repo, type)}")
        : new Uri($"{ApiRepo(repo, type)}/revision/{EncodeRevision(revision)}");

    public Uri Tree(RepoId repo, RepoType type, string revision) =>
        new($"{ApiRepo(repo, type)}/tree/{EncodeRevision(revision)}?recursive=true&expand=false");

    public Uri Refs(RepoId repo, RepoType type) => new($"{ApiRepo(repo, type)}/refs?include_prs=1");

    public Uri Resolve(RepoId repo, RepoType type, string revision, string path) =>
        new($"{_base}/{type.UrlPrefix()}{repo}/resolve/{EncodeRevision(revision)}/{EncodePath(path)}");

    public Uri RepoPage(RepoId repo, RepoType type) => new(HubErrorClassifier.RepoPageUrl(Endpoint, repo, type));

    public Uri Search(HubSearchQuery query, IEnumerable<string> expand)
    {
        var builder = new StringBuilder($"{_base}/api/{query.Type.ApiSegment()}?limit={query.Limit}");
        if (!string.IsNullOrWhiteSpace(query.Author))
        {
            builder.Append("&author=").Append(Uri.EscapeDataString(query.Author.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            builder.Append("&search=").Append(Uri.EscapeDataString(query.Search.Trim()));
        }

        builder.Append("&sort=").Append(query.Sort.HubValue());
        foreach (var filter in query.Filters)
        {
            builder.Append("&filter=").Append(Uri.EscapeDataString(filter));
        }

        foreach (var key in expand)
        {
            builder.Append("&expand=").Append(Uri.EscapeDataString(key));
        }

        return new Uri(builder.ToString());
    }

    public static string EncodeRevision(string revision) => Uri.EscapeDataString(revision);

    public static string EncodePath(string path) =>
        string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private string ApiRepo(RepoId repo, RepoType type) => $"{_base}/api/{type.ApiSegment()}/{repo}";
}
