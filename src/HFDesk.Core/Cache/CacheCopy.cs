namespace HFDesk.Core.Cache;

/// <summary>
/// Which copy of a repository a delete names (api.md Cache): its <c>source</c> and, for a local folder, the
/// entry's <c>path</c>. A repo can sit in the HF cache, the friendly view, localDir and scan roots at once;
/// deleting the card the user clicked must never remove the others (issue 12).
/// </summary>
/// <param name="Source">The copy's source, as the cache entry shows it.</param>
/// <param name="Path">The entry's path; optional, and when given it must be the named copy's folder.</param>
internal sealed record CacheCopy(CacheSource Source, string? Path = null)
{
    /// <summary>What a delete without <c>source</c> means: the HF-cache copy only.</summary>
    public static CacheCopy HfCache { get; } = new(CacheSource.HfCache);

    /// <summary>Parses api.md's words (<c>HF cache</c>, <c>Friendly view</c>, <c>Local</c>), forgiving case and separators.</summary>
    public static bool TryParseSource(string? text, out CacheSource source)
    {
        var key = new string((text ?? "").Where(char.IsLetter).ToArray()).ToUpperInvariant();
        (var ok, source) = key switch
        {
            "" or "HFCACHE" or "HUB" => (true, CacheSource.HfCache),
            "FRIENDLYVIEW" or "FRIENDLY" => (true, CacheSource.FriendlyView),
            "LOCAL" => (true, CacheSource.Local),
            _ => (false, CacheSource.HfCache),
        };
        // Letters only were compared: "H F cache!" must not pass as "HF cache".
        return ok && (text ?? "").All(c => char.IsLetter(c) || c is ' ' or '-' or '_');
    }
}
