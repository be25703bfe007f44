namespace Gateway.LoadTests;

/// <summary>One performance target of the benchmark issue, checked against the measured figures.</summary>
/// <param name="Target">The target as stated, e.g. <c>bearer ≥ 0.95× yarp throughput</c>.</param>
/// <param name="Measured">What was measured, formatted.</param>
/// <param name="Met"><c>true</c> met, <c>false</c> missed, <c>null</c> not measurable in this run.</param>
public sealed record TargetResult(string Target, string Measured, bool? Met);
