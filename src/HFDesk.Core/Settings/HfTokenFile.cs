namespace HFDesk.Core.Settings;

/// <summary>
/// The token <c>hf auth login</c> (formerly <c>huggingface-cli login</c>) saved: <c>$HF_TOKEN_PATH</c>, else
/// <c>$HF_HOME/token</c>. Users expect every HF tool to pick it up, including after logging in while HFDesk
/// runs, so <see cref="Read"/> is called per settings read and re-reads the file only when its stamp moved.
/// </summary>
internal sealed class HfTokenFile
{
    // A token is ~40 characters; anything this large is not a token file and is not worth reading.
    private const long MaxLength = 64 * 1024;

    private HfTokenFileRead? _last;

    public HfTokenFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = path;
    }

    public string Path { get; }

    /// <summary>The token file huggingface_hub would read, or null when <c>HF_HUB_DISABLE_IMPLICIT_TOKEN</c> turns it off.</summary>
    public static HfTokenFile? Locate(HfEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsTrue(HfEnvironment.DisableImplicitToken))
        {
            return null;
        }

        var path = environment.GetPath(HfEnvironment.HfTokenPath)
            ?? System.IO.Path.Combine(environment.HuggingFaceHome, "token");
        try
        {
            return new HfTokenFile(System.IO.Path.GetFullPath(path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            // A path the OS cannot even name cannot hold a token; treat it as no file rather than fail to start.
            return null;
        }
    }

    /// <summary>The token now in the file (null when missing, empty or unreadable); never throws.</summary>
    public HfTokenFileRead Read()
    {
        var stamp = Stat();
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Stamp == stamp)
        {
            return last;
        }

        var next = stamp is { } present ? ReadToken(present) : new HfTokenFileRead(Path, null, null, null);
        Volatile.Write(ref _last, next);
        return next;
    }

    private HfTokenFileStamp? Stat()
    {
        try
        {
            var info = new FileInfo(Path);
            return info.Exists ? new HfTokenFileStamp(info.LastWriteTimeUtc, info.Length) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private HfTokenFileRead ReadToken(HfTokenFileStamp stamp)
    {
        if (stamp.Length > MaxLength)
        {
            return new HfTokenFileRead(Path, stamp, null, $"{Path} is {stamp.Length} bytes, too large to be a token file; ignored");
        }

        try
        {
            // Same cleaning as huggingface_hub's _clean_token: line breaks anywhere go, then surrounding blanks.
            var text = HfTokenText.Clean(File.ReadAllText(Path));
            if (text.Length > 0 && !HfTokenText.IsValid(text))
            {
                // What is left would break every request header: no token, and the reason for whoever shows it.
                return new HfTokenFileRead(Path, stamp, null, HfTokenText.Problem(text, $"The token in {Path}") + "; ignored");
            }

            return new HfTokenFileRead(Path, stamp, text.Length == 0 ? null : text, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
        {
            // Unreadable means no token, never a failed start; the reason is kept for whoever wants to show it.
            return new HfTokenFileRead(Path, stamp, null, $"Could not read the token file {Path} ({ex.Message}); ignored");
        }
    }
}
