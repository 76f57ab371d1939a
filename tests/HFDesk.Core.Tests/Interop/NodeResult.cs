namespace HFDesk.Core.Tests.Interop;

internal sealed record NodeResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Exit code plus the tail of both streams, for assertion messages.</summary>
    public string Describe(int tailChars = 4000) =>
        $"exit {ExitCode}\n--- stderr ---\n{Tail(StandardError, tailChars)}\n--- stdout ---\n{Tail(StandardOutput, tailChars)}";

    private static string Tail(string text, int chars) => text.Length <= chars ? text : "…" + text[^chars..];
}
