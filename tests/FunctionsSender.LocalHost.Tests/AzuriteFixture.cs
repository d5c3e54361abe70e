namespace FunctionsSender.Testing;

/// <summary>
/// One Azurite for the lifetime of a test collection (<see cref="AzuriteProcess"/> under xunit's lifetime). Use it
/// through <c>[Collection(AzuriteCollection.Name)]</c> and a constructor parameter of this type.
/// </summary>
public sealed class AzuriteFixture : AzuriteProcess, IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>Shares one Azurite among every test class that joins this collection.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
