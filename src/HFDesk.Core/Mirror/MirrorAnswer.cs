namespace HFDesk.Core.Mirror;

/// <summary>A value, or the expected reason there is none (bad input, unknown target, a conflict).</summary>
internal sealed record MirrorAnswer<T>(MirrorOutcome Outcome, string Message, T? Value)
    where T : class
{
    public static MirrorAnswer<T> Ok(T value) => new(MirrorOutcome.Ok, "", value);

    public static MirrorAnswer<T> Fail(MirrorOutcome outcome, string message) => new(outcome, message, null);
}
