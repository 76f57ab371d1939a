namespace HFDesk.Core.Gguf;

internal enum GgufReadStatus
{
    /// <summary>Every metadata key was read.</summary>
    Complete,

    /// <summary>The bytes ended before the metadata did (the file goes on): what was read so far is kept.</summary>
    Partial,

    /// <summary>Not GGUF, an unsupported version, or a header that contradicts itself or the file's size.</summary>
    Invalid,
}
