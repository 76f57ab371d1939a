using System.Text.Json.Serialization;

namespace HFDesk.Core.Downloads;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(TransferJournal))]
internal sealed partial class TransferJournalJsonContext : JsonSerializerContext;
