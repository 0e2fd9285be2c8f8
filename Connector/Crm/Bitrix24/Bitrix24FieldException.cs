using System.Text.Json;

namespace Connector.Crm.Bitrix24;

/// <summary>
/// One field of one row could not be read. Sync code catches it to skip that record with a log line naming
/// <see cref="Field"/> and <see cref="ValueKind"/> (the value itself is not in the message: it may be personal data).
/// </summary>
public sealed class Bitrix24FieldException : FormatException
{
    public Bitrix24FieldException()
    {
        Field = "";
    }

    public Bitrix24FieldException(string message)
        : base(message)
    {
        Field = "";
    }

    public Bitrix24FieldException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    public Bitrix24FieldException(string field, JsonValueKind valueKind, string expected)
        : base($"Field '{field}' is {Describe(valueKind)}, expected {expected}.")
    {
        Field = field;
        ValueKind = valueKind;
    }

    public string Field { get; }

    /// <summary><see cref="JsonValueKind.Undefined"/> when the field is missing.</summary>
    public JsonValueKind ValueKind { get; }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.Null => "null",
        JsonValueKind.String => "a string that does not parse",
        JsonValueKind.Number => "a number out of range",
        _ => $"a JSON {kind.ToString().ToLowerInvariant()}",
    };
}
