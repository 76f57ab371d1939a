using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace HFDesk.Cli.Commands;

internal sealed class VersionCommand(IAnsiConsole console) : Command
{
    public static string CurrentVersion =>
        (typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        console.WriteLine(CurrentVersion);
        return 0;
    }
}
