namespace Gateway.Audit.Sqlite;

/// <summary>
/// A table the embedded audit store's retention purges: its name and its two key columns, an integer time (milliseconds
/// or minutes since the epoch) then a text id, so that its oldest rows are the start of its B-tree.
/// </summary>
internal sealed record PurgeTable(string Name, string First, string Second);
