namespace Connector.Sandbox;

/// <summary>
/// One timeline record the sandbox holds: a log message (<see cref="IsLogMessage"/>: title, text, icon, the writing
/// app) or a comment (text only). <see cref="EntityTypeId"/> 2 deal, 3 contact (api-reference/crm/data-types.md).
/// </summary>
public sealed record SandboxTimelineEntry(long Id, bool IsLogMessage, int EntityTypeId, long EntityId, string Title, string Text, string IconCode, long AuthorId, DateTimeOffset Created);
