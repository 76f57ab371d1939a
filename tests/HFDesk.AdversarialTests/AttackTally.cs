using System.Collections.Concurrent;

namespace HFDesk.AdversarialTests;

/// <summary>
/// Counts what the suite tried across every test class of this run and prints one recognisable line when
/// the run ends (<c>adversarial: tried N, refused correctly N, failures N</c>), so the README can quote it.
/// A "failure" is an answer the contract forbids (a 5xx, a hang, a file touched outside the roots, a token
/// sent to another host); the test that saw it also fails.
/// </summary>
internal static class AttackTally
{
    private static readonly ConcurrentDictionary<string, byte> Failures = new(StringComparer.Ordinal);
    private static long _tried;
    private static long _refused;
    private static long _accepted;

    public static long Tried => Interlocked.Read(ref _tried);

    public static int FailureCount => Failures.Count;

    /// <summary>A hostile input answered as the contract says: a 4xx envelope, a clean failure, a refusal.</summary>
    public static void Refused() => Add(ref _refused);

    /// <summary>An input the fuzzer made that happened to be valid, answered with a 2xx.</summary>
    public static void Accepted() => Add(ref _accepted);

    public static void Failed(string what)
    {
        Interlocked.Increment(ref _tried);
        Failures.TryAdd(what, 0);
    }

    public static string Summary =>
        $"adversarial: tried {Tried}, refused correctly {Interlocked.Read(ref _refused) + Interlocked.Read(ref _accepted)}, failures {Failures.Count}"
        + (Failures.IsEmpty ? "" : " (" + string.Join("; ", Failures.Keys.Take(5)) + ")");

    private static void Add(ref long counter)
    {
        Interlocked.Increment(ref _tried);
        Interlocked.Increment(ref counter);
    }
}
