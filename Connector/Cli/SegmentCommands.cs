using System.CommandLine;
using System.Text.Json;
using Connector.Host;
using Connector.Segments;
using Connector.Store;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// <c>segment count|export EXPR | --name NAME [--portal KEY]</c>, <c>segment save NAME EXPR</c>, <c>segment list</c>:
/// the filter language of <see cref="SegmentEvaluator"/> over one mirrored portal. A bad expression exits 2 with its
/// column and what was expected there, and nothing is stored.
/// </summary>
public static class SegmentCommands
{
    public const int BadExpression = 2;

    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return new Command("segment", "Segments: a filter language over contacts, deals, custom fields and engagement (README: Segments)")
        {
            Count(configuration, time, sandbox), SegmentExport.Create(configuration, time, sandbox), Save(configuration, time, sandbox), List(configuration, time, sandbox),
        };
    }

    internal static Argument<string?> ExpressionArgument() => new("expression") { Description = "The filter, e.g. 'deal.stage = \"WON\" and opened in last 90 days'", Arity = ArgumentArity.ZeroOrOne };

    internal static Option<string?> NameOption() => new("--name") { Description = "A saved segment instead of an expression" };

    internal static Option<string?> PortalOption() => new("--portal") { Description = "Portal key (member_id or webhook host#user) when the mirror holds several" };

    private static Command Count(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var expression = ExpressionArgument();
        var name = NameOption();
        var portal = PortalOption();
        var json = new Option<bool>("--json") { Description = "{\"count\": N, \"portal\": KEY, \"elapsed_ms\": the query's time} on stdout" };
        var command = new Command("count", "How many contacts (not deleted) of the portal the segment holds") { expression, name, portal, json };
        command.SetAction(async (parse, ct) => await RunAsync(configuration, time, parse.GetValue(sandbox), parse.GetValue(expression), parse.GetValue(name), parse.GetValue(portal), "count",
            async (services, portalKey, portalId, sql) =>
            {
                var started = time.GetTimestamp();
                var count = await services.GetRequiredService<SegmentQueries>().CountAsync(portalId, sql, ct);
                var elapsedMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1);
                await Console.Out.WriteLineAsync(parse.GetValue(json)
                    ? JsonSerializer.Serialize(new { count, portal = portalKey, elapsed_ms = elapsedMs }, CliJson.Options)
                    : count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return 0;
            }, ct));
        return command;
    }

    private static Command Save(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var name = new Argument<string>("name") { Description = "The segment's name (letters, digits, space, . _ -; up to 100)" };
        var expression = new Argument<string>("expression") { Description = "The filter; validated whole before it is saved" };
        var command = new Command("save", "Save (or add a new version of) a named segment; segment \"NAME\" then uses it") { name, expression };
        command.SetAction(async (parse, ct) =>
        {
            var segmentName = parse.GetValue(name)!.Trim();
            if (!SegmentNames.IsValid(segmentName))
            {
                await Console.Error.WriteLineAsync("crm-esp: segment save: " + SegmentNames.Rule);
                return BadExpression;
            }

            var text = parse.GetValue(expression)!;
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var prepared = await host.Services.GetRequiredService<SegmentEvaluator>().PrepareForSaveAsync(segmentName, text, ct);
            if (prepared.Error is { } error)
            {
                await ReportAsync("save", text, error);
                return BadExpression;
            }

            var version = await host.Services.GetRequiredService<SegmentStore>().SaveAsync(segmentName, text, ct);
            await Console.Out.WriteLineAsync($"saved segment \"{segmentName}\" version {version}".AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static Command List(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        var json = new Option<bool>("--json") { Description = "A JSON array on stdout" };
        var command = new Command("list", "Saved segments: name, newest version, saved at, expression") { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var rows = await host.Services.GetRequiredService<SegmentStore>().ListAsync(ct);
            if (parse.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows.Select(r => new { name = r.Name, version = r.Version, created_at = r.CreatedAt, expression = r.Expression }), CliJson.Options));
                return 0;
            }

            foreach (var row in rows)
            {
                await Console.Out.WriteLineAsync($"{row.Name}\tv{row.Version}\t{row.CreatedAt}\t{row.Expression}".AsMemory(), ct);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Prepares EXPR or --name NAME, resolves the portal, runs <paramref name="body"/>: exit 2 for a bad expression
    /// (both or neither given, or refused), 1 when there is no portal to read.
    /// </summary>
    internal static async Task<int> RunAsync(IConfiguration configuration, TimeProvider time, bool sandbox, string? expression, string? name, string? portal, string verb,
        Func<IServiceProvider, string, long, SegmentSql, Task<int>> body, CancellationToken cancellationToken)
    {
        if ((expression is null) == (name is null))
        {
            await Console.Error.WriteLineAsync($"crm-esp: segment {verb}: give an expression or --name NAME (one of them)");
            return BadExpression;
        }

        await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, sandbox), time, cancellationToken);
        var evaluator = host.Services.GetRequiredService<SegmentEvaluator>();
        var prepared = expression is not null ? await evaluator.PrepareAsync(expression, cancellationToken) : await evaluator.PrepareSavedAsync(name!, cancellationToken);
        if (prepared.Error is { } error)
        {
            await ReportAsync(verb, expression, error);
            return BadExpression;
        }

        var queries = host.Services.GetRequiredService<MirrorQueries>();
        var (key, problem) = await MirrorPortal.ResolveKeyAsync(queries, host.Choice, portal, cancellationToken);
        if (key is null || await queries.PortalIdAsync(key, cancellationToken) is not { } portalId)
        {
            await Console.Error.WriteLineAsync($"crm-esp: segment {verb}: {problem ?? $"the mirror has no data for portal {key} yet; run crm-esp sync first"}");
            return 1;
        }

        return await body(host.Services, key, portalId, prepared.Sql!);
    }

    /// <summary>One line naming the column and what was expected, then the expression with a caret under that column.</summary>
    private static async Task ReportAsync(string verb, string? expression, SegmentError error)
    {
        await Console.Error.WriteLineAsync($"crm-esp: segment {verb}: {error}");
        if (expression is not null && expression.Length <= 200 && !expression.Any(char.IsControl))
        {
            await Console.Error.WriteLineAsync("  " + expression);
            await Console.Error.WriteLineAsync("  " + new string(' ', Math.Clamp(error.Column - 1, 0, expression.Length)) + "^");
        }
    }
}
