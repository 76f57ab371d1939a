namespace HFDesk.HubEmulator.Content;

/// <summary>A new version of a file of another size: the old bytes where they overlap, then a filler byte.</summary>
internal sealed class ChangedContent(IFileContent original, long length) : IFileContent
{
    private const byte Filler = 0x5A;

    public long Length => length;

    public string Key => $"{original.Key}:changed:{length}";

    public void Read(long offset, Span<byte> destination)
    {
        var overlap = (int)Math.Clamp(original.Length - offset, 0, destination.Length);
        if (overlap > 0)
        {
            original.Read(offset, destination[..overlap]);
        }

        destination[overlap..].Fill(Filler);
    }
}
