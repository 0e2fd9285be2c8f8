namespace Connector.Sending.Composing;

/// <summary>Kind of mail: campaigns are bulk (Precedence: bulk); scenario steps and transactional mail are not.</summary>
public enum MailKind
{
    Campaign,
    Scenario,
    Transactional,
}
