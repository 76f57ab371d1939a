using System.Security.Cryptography;

namespace HFDesk.Core.Jobs;

/// <summary>Opaque job identifier: 16 lowercase hex characters, safe in URLs and file names.</summary>
internal readonly record struct JobId
{
    private const int Length = 16;

    private JobId(string value) => Value = value;

    public string Value { get; }

    public static JobId New() => new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2)));

    public static bool TryParse(string? value, out JobId id)
    {
        id = default;
        if (value is null || value.Length != Length || !value.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        id = new JobId(value);
        return true;
    }

    public static JobId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a job id");

    public override string ToString() => Value ?? string.Empty;
}
