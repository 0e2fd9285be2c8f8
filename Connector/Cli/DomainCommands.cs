using System.CommandLine;
using System.Text.Json;
using Connector.Domains;
using Connector.Host;
using Connector.Sending.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// <c>domain check --domain D [--json]</c>: what a sender needs in DNS (<see cref="DomainChecker"/>), one line per
/// check — pass, warn or fail with the fix — or one stable JSON object. Exit 0 when nothing failed, 1 when a check
/// failed, 2 for a bad argument or configuration.
/// </summary>
public static class DomainCommands
{
    public static Command Create(IConfiguration configuration, TimeProvider time)
    {
        var domain = new Option<string?>("--domain") { Description = "The sending domain to check, e.g. example.com" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of one line per check" };
        var check = new Command("check", "Check SPF, DKIM (the keys in Dkim:KeyFolder), DMARC, the bounce domain's MX, the relay's PTR and alignment in DNS") { domain, json };
        check.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(domain)?.Trim().TrimEnd('.').ToLowerInvariant();
            if ((name is { Length: > 0 } ? SettingChecks.DomainName("--domain", name) : "--domain is required (like --domain example.com)") is { } problem)
            {
                await Console.Error.WriteLineAsync($"crm-esp: domain check: {problem}");
                return 2;
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, sandboxFlag: false), time, ct);
            var report = await host.Services.GetRequiredService<DomainChecker>().CheckAsync(name!, ct);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(Json(report), CliJson.Options).AsMemory(), ct);
            }
            else
            {
                foreach (var result in report.Checks)
                {
                    await Console.Out.WriteLineAsync($"{Word(result.Status),-4} {result.Check}: {result.Detail}{(result.Fix is { } fix ? $" — fix: {fix}" : "")}".AsMemory(), ct);
                }
            }

            return report.Status == DomainCheckStatus.Fail ? 1 : 0;
        });
        return new Command("domain", "Sending domain checks") { check };
    }

    private static object Json(DomainCheckReport report) => new
    {
        domain = report.Domain,
        status = Word(report.Status),
        checks = report.Checks.Select(c => new { check = c.Check, status = Word(c.Status), detail = c.Detail, fix = c.Fix }),
    };

    private static string Word(DomainCheckStatus status) => status switch
    {
        DomainCheckStatus.Pass => "pass",
        DomainCheckStatus.Warn => "warn",
        _ => "fail",
    };
}
