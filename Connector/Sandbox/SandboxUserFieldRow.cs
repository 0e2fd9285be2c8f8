namespace Connector.Sandbox;

/// <summary>A contact user field created through crm.contact.userfield.add.</summary>
public sealed record SandboxUserFieldRow(long Id, string FieldName, string UserTypeId, string XmlId, string Label, string ShowFilter, int DefaultValue);
