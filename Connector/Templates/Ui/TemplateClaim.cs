namespace Connector.Templates.Ui;

/// <summary>What claiming a template name for a portal found: a new name (now the portal's), the portal's own, or another's.</summary>
public enum TemplateClaim
{
    Claimed,
    Owned,
    Taken,
}
