using System.Security.Cryptography;

namespace HFDesk.HubEmulator.Content;

internal sealed class BytesContent(byte[] bytes) : IFileContent
{
    public long Length => bytes.Length;

    public string Key { get; } = "bytes:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    public void Read(long offset, Span<byte> destination) =>
        bytes.AsSpan((int)offset, destination.Length).CopyTo(destination);
}
