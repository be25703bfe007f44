namespace Gateway.AdminConsole;

/// <summary>What the console's problem page shows: a refusal of the admin API in plain words.</summary>
/// <param name="Title">E.g. "Not allowed".</param>
/// <param name="Detail">What happened and what to do.</param>
/// <param name="Status">The HTTP status of the page.</param>
/// <param name="Code">The API's problem code, when there was one.</param>
/// <param name="TraceId">The API's trace id, when there was one.</param>
public sealed record ConsoleProblem(string Title, string Detail, int Status, string? Code, string? TraceId);
