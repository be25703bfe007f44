namespace Gateway.FunctionalTests.AdminConsole;

/// <summary>The console tests share one gateway and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
