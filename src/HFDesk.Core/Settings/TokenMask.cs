namespace HFDesk.Core.Settings;

/// <summary>The token is never shown back whole: <c>********</c> plus its last 4 characters (api.md).</summary>
internal static class TokenMask
{
    public const string Prefix = "********";

    /// <summary>Null when there is no token, so the API can leave the field out.</summary>
    public static string? Mask(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        // A token of 4 characters or fewer would be shown whole by its "last 4": show nothing of it.
        return token.Length > 4 ? Prefix + token[^4..] : Prefix;
    }

    /// <summary>A value a client echoed back from GET: it means "keep the current token".</summary>
    public static bool IsMasked(string value) => value.StartsWith(Prefix, StringComparison.Ordinal);
}
