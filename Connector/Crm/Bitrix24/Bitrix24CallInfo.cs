namespace Connector.Crm.Bitrix24;

/// <summary>
/// What the pipeline needs to know about one call: the method (for logs and the operating budget), whether a
/// blind retry is safe, and for <c>batch</c> which method each command key runs (result_time / result_error map back).
/// </summary>
public sealed record Bitrix24CallInfo(string Method, bool Idempotent, IReadOnlyDictionary<string, string> CommandMethods)
{
    public static Bitrix24CallInfo ForMethod(string method, bool idempotent) =>
        new(method, idempotent, new Dictionary<string, string>());

    public bool IsBatch => CommandMethods.Count > 0;

    /// <summary>Methods whose operating budget this call spends; the outer <c>batch</c> itself is not counted (limits.md).</summary>
    public IReadOnlyCollection<string> BudgetMethods =>
        IsBatch ? CommandMethods.Values.Distinct(StringComparer.Ordinal).ToArray() : [Method];

    /// <summary>Only reads: one read method, or a batch whose every command reads (<see cref="Bitrix24ReadOnlyMethods"/>).</summary>
    public bool ReadOnly =>
        IsBatch ? CommandMethods.Values.All(Bitrix24ReadOnlyMethods.IsReadOnly) : Bitrix24ReadOnlyMethods.IsReadOnly(Method);
}
