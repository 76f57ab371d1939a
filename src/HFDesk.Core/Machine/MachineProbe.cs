using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace HFDesk.Core.Machine;

/// <summary>
/// Measures RAM and GPUs: Linux through <c>/proc/meminfo</c>, <c>nvidia-smi</c> and <c>/sys/class/drm</c>;
/// macOS through <c>sysctl hw.memsize</c> (unified memory on Apple silicon); Windows and anything else through
/// the runtime's view of physical memory plus <c>nvidia-smi</c> when it is installed. GPUs are probed once per
/// process (a driver query takes a moment and cards do not change under a running server); RAM is re-read.
/// </summary>
internal sealed class MachineProbe(string? procRoot = null, string? sysRoot = null)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(5);
    private readonly string _procRoot = procRoot ?? "/proc";
    private readonly string _sysRoot = sysRoot ?? "/sys";
    private readonly Lock _gpuGate = new();
    private Task<IReadOnlyList<GpuInfo>>? _gpus;

    public async Task<MachineSnapshot> MeasureAsync(CancellationToken cancellationToken)
    {
        var (total, available) = await ReadRamAsync(cancellationToken);
        var unified = OperatingSystem.IsMacOS() && RuntimeInformation.OSArchitecture == Architecture.Arm64;
        var gpus = await GetGpusAsync(unified, total, cancellationToken);
        return new MachineSnapshot
        {
            RamTotal = total,
            RamAvailable = available,
            Gpus = gpus,
            UnifiedMemory = unified,
            Os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "other",
            Arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Parses <c>/proc/meminfo</c> ("MemTotal: 16314736 kB"); null fields when a line is missing.</summary>
    internal static (long? Total, long? Available) ParseMeminfo(string text)
    {
        long? total = null;
        long? available = null;
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            var bytes = parts.Length > 2 && parts[2] == "kB" ? value * 1024 : value;
            switch (parts[0])
            {
                case "MemTotal:":
                    total = bytes;
                    break;
                case "MemAvailable:":
                    available = bytes;
                    break;
            }
        }

        return (total, available);
    }

    /// <summary>Parses <c>nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits</c> (MiB).</summary>
    internal static IReadOnlyList<GpuInfo> ParseNvidiaSmi(string text)
    {
        var gpus = new List<GpuInfo>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var comma = line.LastIndexOf(',');
            if (comma <= 0 || !long.TryParse(line[(comma + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var mib))
            {
                continue;
            }

            gpus.Add(new GpuInfo(line[..comma].Trim(), mib * 1024 * 1024, "nvidia"));
        }

        return gpus;
    }

    private async Task<(long Total, long? Available)> ReadRamAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var (total, available) = ParseMeminfo(await File.ReadAllTextAsync(Path.Combine(_procRoot, "meminfo"), cancellationToken));
                if (total is > 0)
                {
                    return (total.Value, available);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A locked-down container may hide /proc: the runtime's figure below still holds.
            }
        }

        if (OperatingSystem.IsMacOS()
            && await RunToolAsync("sysctl", ["-n", "hw.memsize"], cancellationToken) is { } memsize
            && long.TryParse(memsize.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var macTotal))
        {
            return (macTotal, AvailableFromRuntime());
        }

        var info = GC.GetGCMemoryInfo();
        return (info.TotalAvailableMemoryBytes, AvailableFromRuntime());
    }

    // The runtime's last reading of the machine's memory load: good enough where no cheaper source exists.
    private static long? AvailableFromRuntime()
    {
        var info = GC.GetGCMemoryInfo();
        return info.TotalAvailableMemoryBytes > 0 ? Math.Max(0, info.TotalAvailableMemoryBytes - info.MemoryLoadBytes) : null;
    }

    private Task<IReadOnlyList<GpuInfo>> GetGpusAsync(bool unified, long ram, CancellationToken cancellationToken)
    {
        lock (_gpuGate)
        {
            // One probe per process; a probe cancelled by its caller is not remembered as "no GPU".
            if (_gpus is null || _gpus.IsCanceled || _gpus.IsFaulted)
            {
                _gpus = ProbeGpusAsync(unified, ram, cancellationToken);
            }

            return _gpus;
        }
    }

    private async Task<IReadOnlyList<GpuInfo>> ProbeGpusAsync(bool unified, long ram, CancellationToken cancellationToken)
    {
        var found = new List<GpuInfo>();
        if (unified)
        {
            // Apple's GPU has no memory of its own: its budget is a share of RAM.
            found.Add(new GpuInfo("Apple GPU", (long)(ram * MemoryBudget.UnifiedGpuShare), "apple"));
            return found;
        }

        if (await RunToolAsync("nvidia-smi", ["--query-gpu=name,memory.total", "--format=csv,noheader,nounits"], cancellationToken) is { } smi)
        {
            found.AddRange(ParseNvidiaSmi(smi));
        }

        if (OperatingSystem.IsLinux())
        {
            found.AddRange(ReadDrmGpus());
        }

        return found;
    }

    /// <summary>AMD cards expose their VRAM in <c>/sys/class/drm/cardN/device/mem_info_vram_total</c>.</summary>
    private List<GpuInfo> ReadDrmGpus()
    {
        var gpus = new List<GpuInfo>();
        var drm = Path.Combine(_sysRoot, "class", "drm");
        try
        {
            if (!Directory.Exists(drm))
            {
                return gpus;
            }

            foreach (var card in Directory.EnumerateDirectories(drm, "card*").Where(d => !Path.GetFileName(d).Contains('-', StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(16))
            {
                var device = Path.Combine(card, "device");
                var vendor = ReadTrimmed(Path.Combine(device, "vendor"));
                var vramText = ReadTrimmed(Path.Combine(device, "mem_info_vram_total"));
                if (vendor != "0x1002" || !long.TryParse(vramText, NumberStyles.None, CultureInfo.InvariantCulture, out var vram) || vram <= 0)
                {
                    continue;
                }

                var name = ReadTrimmed(Path.Combine(device, "product_name")) ?? "AMD GPU " + Path.GetFileName(card);
                gpus.Add(new GpuInfo(name, vram, "amd"));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // sysfs entries come and go with drivers; a GPU that cannot be read is a GPU not counted.
        }

        return gpus;
    }

    private static string? ReadTrimmed(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Runs a system tool and returns its output, or null when it is missing, fails or hangs.</summary>
    private static async Task<string?> RunToolAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ToolTimeout);
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                _ = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                return process.ExitCode == 0 ? await output : null;
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }
        }
    }
}
