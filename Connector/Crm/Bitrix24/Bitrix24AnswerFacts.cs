namespace Connector.Crm.Bitrix24;

/// <summary>
/// What the gate read from the last attempt's answer; <see cref="ErrorCode"/> is null when the body had no error.
/// <see cref="Unreadable"/>: a 2xx whose body is empty or not JSON (cut off on the way).
/// </summary>
public sealed record Bitrix24AnswerFacts(int HttpStatus, string? ErrorCode, bool Unreadable = false)
{
    public bool Is(string code) => string.Equals(ErrorCode, code, StringComparison.OrdinalIgnoreCase);
}
