namespace Connector.Sending.Hygiene;

/// <summary>One CSV record: the physical line it starts on, its fields (unquoted) and its raw text.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string Raw);
