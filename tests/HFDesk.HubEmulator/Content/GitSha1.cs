using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace HFDesk.HubEmulator.Content;

/// <summary>Git object ids (commits, trees) are sha1 by protocol; not used for security.</summary>
internal static class GitSha1
{
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "Git object ids are sha1 by definition.")]
    public static string Hex(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));
}
