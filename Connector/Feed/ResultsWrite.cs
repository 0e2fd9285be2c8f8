using System.Data;
using Microsoft.Data.Sqlite;

namespace Connector.Feed;

/// <summary>A consumer's writes for one page of facts, run in the transaction that moves its cursor; returns the rows it added.</summary>
public delegate Task<int> ResultsWrite(SqliteConnection connection, IDbTransaction transaction, CancellationToken cancellationToken);
