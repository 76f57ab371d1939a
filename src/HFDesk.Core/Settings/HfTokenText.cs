namespace HFDesk.Core.Settings;

/// <summary>
/// What a Hub token may hold. It goes into an <c>Authorization</c> header, so a CR, LF or NUL would either
/// inject a header or make every later request throw while the header is built (issue 12: one saved token
/// with a line break turned every Hub call into a 500). Only printable ASCII without spaces passes (api.md).
/// </summary>
internal static class HfTokenText
{
    // Real tokens are ~40 characters; a bound keeps a pasted file out of every request header.
    public const int MaxLength = 1024;

    public static bool IsValid(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length is > 0 and <= MaxLength && token.All(c => c is > ' ' and < (char)0x7F);
    }

    /// <summary>Why <paramref name="token"/> is refused, naming where it came from but never echoing it.</summary>
    public static string Problem(string token, string source)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Length > MaxLength
            ? $"{source} is longer than {MaxLength} characters; a Hub token is about 40"
            : $"{source} may hold only printable ASCII characters without spaces (it goes into an HTTP header)";
    }

    /// <summary>
    /// huggingface_hub's <c>_clean_token</c> for values read from the environment or a file: line breaks go,
    /// then surrounding blanks, so <c>HF_TOKEN=$(cat token)</c> and a file ending in a newline still work.
    /// </summary>
    public static string Clean(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Trim();
    }
}
