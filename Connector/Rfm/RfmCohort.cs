namespace Connector.Rfm;

/// <summary>
/// The contacts whose first won deal fell in <see cref="Month"/> (yyyy-MM, UTC): <see cref="Size"/>, and for each
/// month after it (offset 0 is the first month itself) how many of them won a deal in that month.
/// </summary>
public sealed record RfmCohort(string Month, long Size, IReadOnlyList<long> Active);
