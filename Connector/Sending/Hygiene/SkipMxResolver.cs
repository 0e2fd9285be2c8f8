namespace Connector.Sending.Hygiene;

/// <summary>Used when <c>Sending:Validation:CheckMx</c> is <c>false</c> (no DNS where the import runs): every domain is taken to accept mail.</summary>
public sealed class SkipMxResolver : IMxResolver
{
    public Task<MxAnswer> ResolveAsync(string domain, CancellationToken cancellationToken) => Task.FromResult(MxAnswer.HasMail);
}
