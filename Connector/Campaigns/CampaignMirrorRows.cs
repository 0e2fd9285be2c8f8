namespace Connector.Campaigns;

/// <summary>Dapper rows of <see cref="CampaignMirror"/> (nominal, as SQLite's types need).</summary>
internal static class CampaignMirrorRows
{
    internal sealed record Contact
    {
        public long Id { get; init; }

        public string? Name { get; init; }

        public string? LastName { get; init; }

        public string? SecondName { get; init; }

        public string? Email { get; init; }

        public long Emails { get; init; }

        public long Deleted { get; init; }

        public string? CustomFields { get; init; }
    }

    internal sealed record Deal
    {
        public long ContactId { get; init; }

        public long Id { get; init; }

        public string? Title { get; init; }

        public string? Stage { get; init; }

        public string? StageName { get; init; }

        public string? Pipeline { get; init; }

        public string? Amount { get; init; }

        public string? Currency { get; init; }

        public string? Semantic { get; init; }

        public string? CustomFields { get; init; }
    }
}
