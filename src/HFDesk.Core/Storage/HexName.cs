namespace HFDesk.Core.Storage;

/// <summary>
/// Oids and commits become file names (blobs/, snapshots/, refs content), so they are checked to be plain
/// lowercase hex before use: a hostile tree could otherwise send "../../x" as an oid.
/// </summary>
internal static class HexName
{
    public static bool IsCommit(string value) => value.Length == 40 && IsLowerHex(value);

    public static bool IsBlob(string value) => value.Length is 40 or 64 && IsLowerHex(value);

    public static string RequireBlob(string value) =>
        IsBlob(value) ? value : throw new UnsafePathException(value, "a blob id must be 40 or 64 lowercase hex characters");

    public static string RequireCommit(string value) =>
        IsCommit(value) ? value : throw new UnsafePathException(value, "a commit must be 40 lowercase hex characters");

    private static bool IsLowerHex(string value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
