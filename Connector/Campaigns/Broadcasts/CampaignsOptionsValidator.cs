using Microsoft.Extensions.Options;

namespace Connector.Campaigns.Broadcasts;

public sealed class CampaignsOptionsValidator : IValidateOptions<CampaignsOptions>
{
    public ValidateOptionsResult Validate(string? name, CampaignsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.IntervalSeconds is < 0 or > 3600
            ? ValidateOptionsResult.Fail("Campaigns:IntervalSeconds: 0 (no campaign job) to 3600")
            : ValidateOptionsResult.Success;
    }
}
