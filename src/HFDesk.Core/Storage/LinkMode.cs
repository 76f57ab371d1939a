namespace HFDesk.Core.Storage;

/// <summary>How snapshot entries point at blobs.</summary>
internal enum LinkMode
{
    /// <summary>Relative symlinks where a test link in the directory succeeds, else copies (as huggingface_hub decides).</summary>
    Auto,

    /// <summary>Always copy; what a Windows user without Developer Mode gets. Tests use it to simulate that machine.</summary>
    Copy,
}
