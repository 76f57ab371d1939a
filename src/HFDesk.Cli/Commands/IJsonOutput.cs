namespace HFDesk.Cli.Commands;

/// <summary>Settings of a command whose <c>--json</c> output must stay machine-readable: nothing else on stdout.</summary>
internal interface IJsonOutput
{
    bool Json { get; }
}
