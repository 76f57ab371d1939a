using HFDesk.Core.Mirror;
using Spectre.Console;

namespace HFDesk.Cli.Commands;

internal sealed class MirrorPullCommand(IAnsiConsole console) : MirrorRunCommand(console)
{
    protected override MirrorDirection Direction => MirrorDirection.Pull;
}
