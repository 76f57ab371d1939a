namespace HFDesk.Core.Downloads;

/// <summary>How files without a known SHA-256 are checked; LFS files are always checked against their SHA-256.</summary>
internal enum VerifyMode
{
    None,
    Size,

    /// <summary>Git blob sha1 of the content against the etag when the etag is one (regular Hub files).</summary>
    Etag,

    /// <summary>As <see cref="Etag"/>, and the SHA-256 is computed and reported for every file.</summary>
    Sha256,
}
