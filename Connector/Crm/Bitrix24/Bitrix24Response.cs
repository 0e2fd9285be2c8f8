using System.Diagnostics.CodeAnalysis;

namespace Connector.Crm.Bitrix24;

/// <summary>A call's result as a value: either <see cref="Value"/> or <see cref="Error"/>, never both.</summary>
public sealed record Bitrix24Response<T>
{
    public T? Value { get; private init; }

    public Bitrix24Error? Error { get; private init; }

    /// <summary>The top-level <c>time</c> object of the answer, when there was one.</summary>
    public Bitrix24Time? Time { get; init; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Bitrix24Response<T> Ok(T value, Bitrix24Time? time = null) => new() { Value = value, Time = time };

    public static Bitrix24Response<T> Fail(Bitrix24Error error) => new() { Error = error };
}
