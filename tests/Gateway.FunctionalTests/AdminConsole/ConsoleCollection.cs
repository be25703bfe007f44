namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>
/// The console tests share one gateway and one browser, and run one after another — and alone, after the parallel
/// collections: a real browser's page loads under the whole suite's load on two cores were what made them flaky.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
