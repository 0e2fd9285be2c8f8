namespace Connector.Rfm;

/// <summary>One cell of the grid: recency score, frequency score, its segment, contacts and their monetary value.</summary>
public sealed record RfmCell(int R, int F, string Segment, long Contacts, double Monetary);
