using HFDesk.Bench;

// One entry point: the benchmark itself, and the worker it (and the kill-and-resume test) runs as a child process
// so HFDesk's CPU seconds and peak memory are measured apart from the emulator's.
return args switch
{
    ["worker", .. var rest] => await TransferWorker.RunAsync(rest),

    // TODO(cache): dispatch to HFDesk.Bench.CacheScan.CacheScanBenchmark.RunAsync(rest) once helper `cache` lands it.
    ["cache-scan", ..] => NotYetAvailable("cache-scan"),
    _ => await TransferBenchmark.RunAsync(args),
};

static int NotYetAvailable(string name)
{
    Console.Error.WriteLine($"The '{name}' benchmark is not part of this build yet.");
    return 2;
}
