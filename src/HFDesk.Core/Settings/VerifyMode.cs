using System.Text.Json.Serialization;

namespace HFDesk.Core.Settings;

/// <summary>How files without a known SHA-256 are checked; LFS files are always checked against their SHA-256.</summary>
public enum VerifyMode
{
    [JsonStringEnumMemberName("none")]
    None,
    [JsonStringEnumMemberName("size")]
    Size,
    [JsonStringEnumMemberName("etag")]
    Etag,
    [JsonStringEnumMemberName("sha256")]
    Sha256,
}
