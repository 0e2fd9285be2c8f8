namespace Connector.Sending.Hygiene;

/// <summary>A line of an import file that was skipped or flagged, and why; <see cref="ToString"/> names file and line.</summary>
public sealed record ImportProblem(string File, int Line, string Reason, string Text, bool Skipped)
{
    public override string ToString() => $"{File}:{Line}: {(Skipped ? "skipped" : "flagged")} ({Reason}): {Text}";
}
