namespace HFDesk.Core.Hub;

/// <summary>Reads <c>Link: &lt;https://…?cursor=…&gt;; rel="next"</c>, the Hub's pagination of tree and search listings.</summary>
internal static class HubLinkHeader
{
    public static Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var header in values)
        {
            foreach (var link in header.Split(',', StringSplitOptions.TrimEntries))
            {
                var open = link.IndexOf('<', StringComparison.Ordinal);
                var close = link.IndexOf('>', StringComparison.Ordinal);
                if (open != 0 || close < 0)
                {
                    continue;
                }

                var parameters = link[(close + 1)..];
                if (parameters.Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase)
                    || parameters.Contains("rel=next", StringComparison.OrdinalIgnoreCase))
                {
                    var target = link[(open + 1)..close];
                    // The Hub sends absolute links; anything else is a protocol error we refuse rather than guess.
                    return Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
                }
            }
        }

        return null;
    }
}
