using System.Reflection;
using System.Runtime.InteropServices;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

internal sealed class VersionCommand(IAnsiConsole console) : Command
{
    public static string CurrentVersion => InformationalVersion.Split('+')[0];

    /// <summary>The source commit the build stamped after '+' (SourceLink / SourceRevisionId), or "unknown".</summary>
    public static string Commit => InformationalVersion.Split('+') is [_, var commit, ..] && commit.Length > 0 ? commit : "unknown";

    private static string InformationalVersion =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        // First line: the bare version, which scripts parse; then what a bug report needs.
        console.WriteLine(CurrentVersion);
        console.WriteLine($"commit  {Commit}");
        console.WriteLine($"runtime {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
        console.WriteLine($"os      {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}");
        return 0;
    }
}
