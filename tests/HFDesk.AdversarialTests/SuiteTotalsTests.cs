namespace HFDesk.AdversarialTests;

/// <summary>
/// Prints the suite's totals (<c>adversarial: tried N, refused correctly N, failures N</c>) as this test's output, which
/// <c>dotnet test --output Detailed</c> shows, once every other test of the run has finished (see
/// <see cref="SuiteTotalsDefinition"/>). The README quotes this line; <see cref="AttackTotals"/> also writes it to
/// <c>adversarial-totals.txt</c> and the diagnostics log.
/// </summary>
[Collection(nameof(SuiteTotalsDefinition))]
public sealed class SuiteTotalsTests
{
    [Fact]
    public void AfterEveryAttack_PrintsTheTotals_NoneBrokeTheContract()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(AttackTally.Summary);
        Assert.True(AttackTally.FailureCount == 0, AttackTally.Summary);
    }
}
