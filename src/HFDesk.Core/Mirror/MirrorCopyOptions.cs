namespace HFDesk.Core.Mirror;

/// <summary>How each file of a push or pull is written.</summary>
/// <param name="Verify">Hash while copying and compare with the blob name; a mismatch is published nowhere.</param>
/// <param name="Fsync">
/// Wait for the disk (fsync) before each rename, so that a power cut or a pulled USB drive can never leave a
/// published name over bytes the drive had not written yet. Off by default, as in <c>rsync</c>, git and the
/// Hugging Face clients: a killed or cancelled run is safe either way (the bytes are in the OS's hands before
/// the rename), and waiting for the disk per file is what made a push twice as slow as rsync.
/// </param>
internal readonly record struct MirrorCopyOptions(bool Verify, bool Fsync)
{
    public static MirrorCopyOptions From(MirrorRequest request) => new(request.Verify, request.Fsync);
}
