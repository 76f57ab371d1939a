using HFDesk.Core.Hub;

namespace HFDesk.Core.Settings;

/// <summary>Validates and applies a <see cref="HubEndpointSettingsUpdate"/>; problems are keyed <c>hubEndpoint.*</c>.</summary>
internal static class HubEndpointSettingsValidator
{
    // Short secrets on a LAN are guessable; the UI generates 32 random characters.
    private const int MinTokenLength = 8;

    public static HubEndpointSettings Apply(HubEndpointSettings current, HubEndpointSettingsUpdate update, Dictionary<string, string> problems)
    {
        var next = current;
        if (update.Enabled is { } enabled)
        {
            next = next with { Enabled = enabled };
        }

        if (update.Mode is { } mode)
        {
            var word = mode.Trim().ToLowerInvariant();
            if (word is HubEndpointSettings.PullThroughMode or HubEndpointSettings.OfflineMode)
            {
                next = next with { Mode = word };
            }
            else
            {
                problems["hubEndpoint.mode"] = $"hubEndpoint.mode must be '{HubEndpointSettings.PullThroughMode}' or '{HubEndpointSettings.OfflineMode}' (got '{mode}')";
            }
        }

        if (update.Tokens is { } tokens)
        {
            var list = new List<string>();
            foreach (var raw in tokens)
            {
                var token = (raw ?? "").Trim();
                if (TokenMask.IsMasked(token))
                {
                    // A masked echo keeps the existing token it stands for; one that matches none is dropped.
                    if (current.Tokens.FirstOrDefault(t => TokenMask.Mask(t) == token) is { } kept && !list.Contains(kept))
                    {
                        list.Add(kept);
                    }

                    continue;
                }

                if (token.Length < MinTokenLength || token.Any(c => c is <= ' ' or > '~'))
                {
                    problems["hubEndpoint.tokens"] = $"hubEndpoint.tokens: each token must be at least {MinTokenLength} printable ASCII characters without spaces";
                    continue;
                }

                if (!list.Contains(token))
                {
                    list.Add(token);
                }
            }

            next = next with { Tokens = list };
        }

        if (update.Anonymous is { } anonymous)
        {
            next = next with { Anonymous = anonymous };
        }

        if (update.AllowPrivate is { } allowPrivate)
        {
            var ids = new List<string>();
            foreach (var id in allowPrivate)
            {
                if (RepoId.TryParse(id?.Trim(), out var repo))
                {
                    ids.Add(repo.ToString());
                }
                else
                {
                    problems["hubEndpoint.allowPrivate"] = $"hubEndpoint.allowPrivate: '{id}' is not an owner/name repo id";
                }
            }

            next = next with { AllowPrivate = ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList() };
        }

        return next;
    }
}
