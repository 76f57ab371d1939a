using HFDesk.Bench;

// One entry point: the benchmark itself, and the worker it (and the kill-and-resume test) runs as a child process
// so HFDesk's CPU seconds and peak memory are measured apart from the emulator's.
return args switch
{
    ["worker", .. var rest] => await TransferWorker.RunAsync(rest),
    ["cache-scan", .. var scanArgs] => await HFDesk.Bench.CacheScan.CacheScanBenchmark.RunAsync(scanArgs),
    _ => await TransferBenchmark.RunAsync(args),
};
