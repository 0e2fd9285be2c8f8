namespace Connector.Scenarios;

/// <summary>
/// Import of a scenario file: read and checked whole (the file's own checks, then the mirror's and the templates'),
/// every error listed with its line and nothing stored when there is one; else stored as a new scenario or version.
/// </summary>
public sealed class ScenarioImporter(ScenarioValidator validator, ScenarioStore store)
{
    public async Task<(ScenarioImport? Import, IReadOnlyList<ScenarioError> Errors)> ImportAsync(string text, long portalId, CancellationToken cancellationToken)
    {
        var (definition, errors) = await CheckAsync(text, portalId, cancellationToken);
        return errors.Count > 0 || definition is null
            ? (null, errors)
            : (await store.ImportAsync(portalId, definition, text, cancellationToken), []);
    }

    public async Task<(ScenarioDefinition? Definition, IReadOnlyList<ScenarioError> Errors)> CheckAsync(string text, long portalId, CancellationToken cancellationToken)
    {
        var read = ScenarioFileReader.Read(text);
        if (read.Definition is null)
        {
            return (null, read.Errors);
        }

        var mirror = await validator.ValidateAsync(read.Definition, portalId, cancellationToken);
        return (read.Definition, read.Errors.Concat(mirror).OrderBy(e => e.Line).ToList());
    }
}
