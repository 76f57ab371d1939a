namespace HFDesk.HubEmulator.Content;

/// <summary>Random-access file bytes that are produced on demand rather than held in memory.</summary>
internal interface IFileContent
{
    long Length { get; }

    /// <summary>Identity of the bytes: equal keys mean equal content, so hashes can be cached by it.</summary>
    string Key { get; }

    void Read(long offset, Span<byte> destination);
}
