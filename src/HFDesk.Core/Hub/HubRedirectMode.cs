namespace HFDesk.Core.Hub;

internal enum HubRedirectMode
{
    /// <summary>Follow every redirect (token kept only on the token's own host:port).</summary>
    FollowAll,

    /// <summary>Follow relative redirects only; an absolute one (the LFS 302 to the CDN) is returned as is.
    /// This is how huggingface_hub's HEAD finds the download URL.</summary>
    RelativeOnly,
}
