namespace Connector.Sandbox;

/// <summary>One EMAIL multi-field value (data-types.md#crm_multifield); Id 0 on input means "new".</summary>
public sealed record SandboxEmail(long Id, string ValueType, string Value);
