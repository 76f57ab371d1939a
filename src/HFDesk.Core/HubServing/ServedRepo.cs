using HFDesk.Core.Hub;

namespace HFDesk.Core.HubServing;

/// <summary>
/// What the local cache can answer for one repo: its refs (branch or tag name, or <c>refs/pr/N</c>, to a commit)
/// and the revisions it holds files of. Built by <see cref="HubCacheIndex"/> from H and HFDesk's flat downloads.
/// </summary>
internal sealed record ServedRepo(RepoType Type, RepoId Id, IReadOnlyDictionary<string, string> Refs, IReadOnlyDictionary<string, ServedRevision> Revisions)
{
    public const string DefaultBranch = "main";

    /// <summary>The revision a client names: a ref, <c>HEAD</c> (the default branch), a full commit or a unique prefix of one.</summary>
    public ServedRevision? Resolve(string revision)
    {
        if (revision == "HEAD")
        {
            revision = DefaultBranch;
        }

        if (Refs.TryGetValue(revision, out var commit) || Refs.TryGetValue("refs/heads/" + revision, out commit))
        {
            return Revisions.GetValueOrDefault(commit);
        }

        if (Revisions.TryGetValue(revision, out var exact))
        {
            return exact;
        }

        // huggingface_hub accepts 5+ hex prefixes of a commit (REGEX_COMMIT_OID); only a unique one resolves.
        if (revision.Length is >= 7 and < 40 && revision.All(char.IsAsciiHexDigitLower))
        {
            var matches = Revisions.Where(r => r.Key.StartsWith(revision, StringComparison.Ordinal)).Take(2).ToList();
            return matches.Count == 1 ? matches[0].Value : null;
        }

        return null;
    }

    /// <summary>The default branch's revision, else the newest one held (a repo downloaded by commit only).</summary>
    public ServedRevision? Head => Resolve(DefaultBranch) ?? Revisions.Values.OrderByDescending(r => r.LastModified).FirstOrDefault();
}
