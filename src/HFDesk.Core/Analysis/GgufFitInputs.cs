using HFDesk.Core.Gguf;
using HFDesk.Core.Machine;

namespace HFDesk.Core.Analysis;

/// <summary>
/// What the GGUF detector needs to size and rank quants for one machine: the model's shape from its header
/// (null when it could not be read), the memory to fit into (null: no fit badges), and the context asked for
/// (null: <see cref="GgufMemoryEstimate.DefaultContextFor"/>).
/// </summary>
internal sealed record GgufFitInputs(GgufModelShape? Shape, MemoryBudget? Budget, long? Context)
{
    public static GgufFitInputs None { get; } = new(null, null, null);

    public long EffectiveContext => Context ?? GgufMemoryEstimate.DefaultContextFor(Shape);
}
