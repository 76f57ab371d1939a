using System.Text.Json.Serialization;

namespace HFDesk.Core.Downloads;

/// <summary>
/// How files without a known SHA-256 are checked; LFS files are always checked against their SHA-256. One enum
/// for the setting (api.md <c>verify</c>) and the engine, so no switch translates between them.
/// </summary>
internal enum VerifyMode
{
    [JsonStringEnumMemberName("none")]
    None,
    [JsonStringEnumMemberName("size")]
    Size,

    /// <summary>Git blob sha1 of the content against the etag when the etag is one (regular Hub files).</summary>
    [JsonStringEnumMemberName("etag")]
    Etag,

    /// <summary>As <see cref="Etag"/>, and the SHA-256 is computed and reported for every file.</summary>
    [JsonStringEnumMemberName("sha256")]
    Sha256,
}
