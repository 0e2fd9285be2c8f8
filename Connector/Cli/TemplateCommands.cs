using System.CommandLine;
using System.Globalization;
using Connector.Host;
using Connector.Templates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Cli;

/// <summary>
/// <c>template save --template FILE</c>: stores a template file's version (compiled and checked first; a version is
/// immutable once saved) so that serve sends it by name (<c>POST /api/v1/messages</c>).
/// </summary>
public static class TemplateCommands
{
    public static Command Create(IConfiguration configuration, TimeProvider time, Option<bool> sandbox)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var template = SendingCommands.TemplateOption();
        var save = new Command("save", "Store the file's template version in the store (refused with its errors when it does not compile)") { template };
        save.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(template)!;
            TemplateFile source;
            try
            {
                source = await TemplateFileReader.ReadAsync(file, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {file}: {ex.Message}");
                return 1;
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {ex.Message}");
                return 1;
            }

            await using var host = await CliHost.StartAsync(configuration, PortalChoice.From(configuration, parse.GetValue(sandbox)), time, ct);
            var errors = await host.Services.GetRequiredService<TemplateStore>().SaveAsync(source, ct);
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"crm-esp: {error}");
            }

            if (errors.Count > 0)
            {
                return 1;
            }

            await Console.Out.WriteLineAsync($"saved {source.Name} version {source.Version.ToString(CultureInfo.InvariantCulture)}".AsMemory(), ct);
            return 0;
        });
        return new Command("template", "Stored templates (sent by name from serve)") { save };
    }
}
