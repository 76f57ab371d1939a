using HFDesk.Bench;
using HFDesk.Bench.CacheScan;
using HFDesk.Bench.Mirror;

// One entry point: the benchmark itself, and the worker it (and the kill-and-resume test) runs as a child process
// so HFDesk's CPU seconds and peak memory are measured apart from the emulator's.
return args switch
{
    ["worker", .. var rest] => await TransferWorker.RunAsync(rest),
    ["cache-scan", .. var rest] => await CacheScanBenchmark.RunAsync(rest),
    ["mirror-diff" or "mirror-speed", .. var rest] => await MirrorBenchmark.RunAsync(args[0], rest),
    _ => await TransferBenchmark.RunAsync(args),
};
