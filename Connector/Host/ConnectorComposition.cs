using Connector.Api;
using Connector.Bounces;
using Connector.Campaigns;
using Connector.Campaigns.Broadcasts;
using Connector.Crm.Bitrix24.Installs;
using Connector.Crm.Bitrix24.Portals;
using Connector.Crm.Bitrix24.Reading;
using Connector.Crm.Bitrix24.Scenarios;
using Connector.Crm.Bitrix24.Timeline;
using Connector.Crm.Bitrix24;
using Connector.Domains;
using Connector.Reports;
using Connector.Feed;
using Connector.Operations.Health;
using Connector.Operations.Telemetry;
using Connector.Sandbox;
using Connector.Rfm;
using Connector.Scenarios;
using Connector.Segments;
using Connector.Sending;
using Connector.Sending.Hygiene;
using Connector.Store;
using Connector.Sync;
using Connector.Templates;
using Connector.Timeline;
using Connector.Tracking;
using Connector.Webhooks;
using Connector.Web.UiSession;
using Connector.Web.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Connector.Host;

/// <summary>
/// The one composition of the connector, used by <c>serve</c>, every CLI verb and the test rigs: each slice's
/// <c>AddXxx</c> once, the clock, the portals, and — in a serving host — the only Quartz scheduler (slices add jobs
/// to it) and the hosted services. Options of every slice are bound and validated at start (<see cref="AddConnectorOptions"/>).
/// </summary>
public static class ConnectorComposition
{
    /// <summary>Every slice's options, bound and validated at start (<c>ValidateOnStart</c>); nothing else.</summary>
    public static IServiceCollection AddConnectorOptions(this IServiceCollection services, IConfiguration configuration) =>
        services.AddBitrix24Options(configuration).AddStoreOptions(configuration).AddSyncOptions(configuration).AddBitrix24AppOptions(configuration)
            .AddSandboxOptions(configuration).AddTemplates(configuration).AddSendingOptions(configuration).AddTrackingOptions(configuration).AddServeOptions(configuration)
            .AddDomainsOptions(configuration).AddBounceOptions(configuration).AddTimelineOptions().AddWebhooksOptions().AddScenariosOptions().AddCampaignsOptions().AddRfmOptions()
            .AddSchedulerOptions(configuration).AddHealthOptions(configuration).AddMetricsOptions(configuration);

    public static IServiceCollection AddConnector(this IServiceCollection services, IConfiguration configuration, PortalChoice choice, TimeProvider time, ConnectorHostKind kind)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(choice);
        services.TryAddSingleton(time);
        services.TryAddSingleton(choice);
        // The import's MX checks ask the same name servers as the domain check (Dns:Servers), before AddSending's default.
        services.TryAddSingleton<IMxResolver>(sp => bool.TryParse(configuration["Sending:Validation:CheckMx"], out var check) && !check
            ? new SkipMxResolver()
            : new DnsClientMxResolver(DomainsServiceCollectionExtensions.CreateClient(sp.GetRequiredService<IOptions<DnsOptions>>().Value, useCache: true)));
        services.AddConnectorOptions(configuration)
            .AddStore(configuration).AddSync(configuration).AddBitrix24Client(configuration).AddBitrix24App(configuration)
            .AddTemplates(configuration).AddSending(configuration).AddCampaigns().AddTracking(configuration).AddDomains(configuration).AddBounces(configuration).AddFeed().AddTimeline().AddReports().AddWebhooks().AddApi().AddUiSession().AddScenarios().AddSegments().AddRfm();
        services.AddSettingsUi();
        services.AddReadiness(configuration, serving: kind == ConnectorHostKind.Serve);
        Connector.Web.Tabs.TabsServiceCollectionExtensions.AddTabs(services);
        services.TryAddSingleton(choice.WebhookUrl is { } url && !choice.SandboxForced ? Bitrix24ConfiguredPortals.Of(WebhookUrl.ToPortal(url)) : Bitrix24ConfiguredPortals.None);
        services.TryAddSingleton<ICrmSourceProvider>(sp => new Bitrix24SourceProvider(
            sp.GetRequiredService<Bitrix24ConfiguredPortals>().ListAsync, sp.GetRequiredService<Bitrix24InstallStore>(),
            sp.GetRequiredService<IBitrix24Client>, sp.GetRequiredService<ILogger<Bitrix24CrmSource>>()));
        services.TryAddSingleton<Bitrix24TimelinePortals>();
        services.TryAddSingleton<ICrmTimeline>(sp => new Bitrix24Timeline(
            sp.GetRequiredService<IBitrix24Client>, sp.GetRequiredService<Bitrix24TimelinePortals>(), sp.GetRequiredService<Bitrix24InstallStore>(),
            sp.GetRequiredService<Bitrix24ConfiguredPortals>(), sp.GetRequiredService<IOptions<TimelineOptions>>()));
        services.TryAddSingleton<IScenarioCrm>(sp => new Bitrix24ScenarioCrm(
            sp.GetRequiredService<IBitrix24Client>, sp.GetRequiredService<Bitrix24TimelinePortals>(), sp.GetRequiredService<Bitrix24InstallStore>(),
            sp.GetRequiredService<Bitrix24ConfiguredPortals>()));
        if (SandboxPickupFolder(configuration, choice) is { } pickup)
        {
            services.TryAddSingleton(new SandboxPickup(pickup));
        }

        if (kind == ConnectorHostKind.Serve)
        {
            if (choice.Sandbox)
            {
                services.AddSandbox(configuration);
            }

            var sync = configuration.GetSection(SyncOptions.Section).Get<SyncOptions>() ?? new SyncOptions();
            var bounces = configuration.GetSection(BounceIntakeOptions.Section).Get<BounceIntakeOptions>() ?? new BounceIntakeOptions();
            var timeline = configuration.GetSection(TimelineOptions.Section).Get<TimelineOptions>() ?? new TimelineOptions();
            var webhooks = configuration.GetSection(WebhooksOptions.Section).Get<WebhooksOptions>() ?? new WebhooksOptions();
            var scenarios = configuration.GetSection(ScenariosOptions.Section).Get<ScenariosOptions>() ?? new ScenariosOptions();
            var scheduler = configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
            var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
            var declared = new List<JobKey> { Crm.Bitrix24.OAuth.TokenKeepAliveJob.Key, Crm.Bitrix24.Automation.Robot.RobotAnswerJob.Key };
            var campaigns = configuration.GetSection(CampaignsOptions.Section).Get<CampaignsOptions>() ?? new CampaignsOptions();
            var rfm = configuration.GetSection(RfmOptions.Section).Get<RfmOptions>() ?? new RfmOptions();
            services.AddQuartz(q =>
            {
                q.UseConnectorJobStore(scheduler, store);
                q.AddBitrix24AppJobs(configuration.GetSection(Crm.Bitrix24.Install.AppOptions.Section).Get<Crm.Bitrix24.Install.AppOptions>()?.RobotAnswerIntervalSeconds
                    ?? Crm.Bitrix24.Install.AppOptions.DefaultRobotAnswerIntervalSeconds);
                q.AddBounceJobs(bounces);
                if (bounces.Imap.Configured || bounces.Pop3.Configured)
                {
                    declared.Add(BounceFetchJob.Key);
                }
                if (timeline.Enabled)
                {
                    q.AddTimelineJobs(timeline);
                    declared.Add(TimelineDispatchJob.Key);
                }
                if (webhooks.Enabled)
                {
                    q.AddWebhookJobs(webhooks);
                    declared.Add(WebhookDeliveryJob.Key);
                }
                if (scenarios.Enabled)
                {
                    q.AddScenarioJobs(scenarios);
                    declared.Add(ScenarioDispatchJob.Key);
                }
                if (sync.JobsEnabled)
                {
                    q.AddSyncJobs(sync);
                    declared.AddRange([IncrementalSyncJob.Key, FullSyncJob.Key]);
                }
                if (campaigns.IntervalSeconds > 0)
                {
                    q.AddCampaignJobs(campaigns);
                    declared.Add(CampaignJob.Key);
                }
                if (rfm.Enabled)
                {
                    q.AddRfmJobs(rfm);
                    declared.Add(RfmRefreshJob.Key);
                }
            });
            // Before the Quartz hosted service: stale recurring jobs go before the scheduler can fire them.
            services.AddSingleton<IHostedService>(sp => new SchedulerJobPruner(sp.GetRequiredService<ISchedulerFactory>(), declared, sp.GetRequiredService<ILogger<SchedulerJobPruner>>()));
            services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
            if (sync.JobsEnabled)
            {
                services.UseQuartzSyncTrigger();
            }

            services.AddChangeProcessing();
            services.AddTelemetry(configuration);
            if (choice.WebhookUrl is not null && !choice.SandboxForced && timeline.Enabled)
            {
                services.AddHostedService<Bitrix24WebhookTimelineNotice>();
            }
        }

        return services;
    }

    // The sandbox (no CRM configured) sends into a pickup folder beside the store unless a relay is configured.
    private static string? SandboxPickupFolder(IConfiguration configuration, PortalChoice choice) =>
        SandboxSendingDefaults.Applies(configuration, choice) ? Path.Combine(SandboxSendingDefaults.StoreFolder(configuration), "pickup") : null;
}
