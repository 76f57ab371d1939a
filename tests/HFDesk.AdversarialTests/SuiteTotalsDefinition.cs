namespace HFDesk.AdversarialTests;

/// <summary>
/// A collection that opts out of parallel runs: xUnit runs such collections after every parallel one has finished, so
/// its one test sees the whole run's tally.
/// </summary>
[CollectionDefinition(nameof(SuiteTotalsDefinition), DisableParallelization = true)]
public sealed class SuiteTotalsDefinition;
