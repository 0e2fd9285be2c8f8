namespace Connector.Scenarios;

public enum CrmStepResultKind
{
    Done,

    /// <summary>The CRM refused it (no such deal or stage, access denied): not repeated.</summary>
    Refused,

    /// <summary>Not sent or refused before it ran (rate limit, portal unreachable before sending): safe to try again later.</summary>
    NotSent,

    /// <summary>Sent, and no answer came (a timeout after sending): it may have happened.</summary>
    Uncertain,
}
