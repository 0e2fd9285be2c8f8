namespace Connector.Crm.Bitrix24;

/// <summary>What the gate read from the last attempt's answer; <see cref="ErrorCode"/> is null when the body had no error.</summary>
public sealed record Bitrix24AnswerFacts(int HttpStatus, string? ErrorCode)
{
    public bool Is(string code) => string.Equals(ErrorCode, code, StringComparison.OrdinalIgnoreCase);
}
