[assembly: AssemblyFixture(typeof(HFDesk.AdversarialTests.AttackTotals))]

namespace HFDesk.AdversarialTests;

/// <summary>Lives as long as the test assembly: when every test has run, it reports <see cref="AttackTally.Summary"/>.</summary>
public sealed class AttackTotals : IDisposable
{
    public void Dispose()
    {
        // A diagnostic message reaches the runner's output whatever its verbosity (xunit.runner.json turns them on).
        TestContext.Current.SendDiagnosticMessage(AttackTally.Summary);
        Console.Error.WriteLine(AttackTally.Summary);
        // Also beside the test binary, for the README and CI logs: the runner may hide output of passing runs.
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "adversarial-totals.txt"), AttackTally.Summary + Environment.NewLine);
    }
}
