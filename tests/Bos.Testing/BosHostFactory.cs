using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Bos.Testing;

/// <summary>
/// Hosts a Bos executable (API or worker) in-process against the real Redis and RabbitMQ, isolated from every
/// other test class by its own key prefix and virtual host. Use as an xunit class fixture.
/// </summary>
public class BosHostFactory<TProgram> : WebApplicationFactory<TProgram>, IAsyncLifetime where TProgram : class
{
    public IsolatedRedis Redis { get; private set; } = null!;

    public IsolatedVirtualHost VirtualHost { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Redis = new IsolatedRedis(GetType().Name);
        VirtualHost = await IsolatedVirtualHost.CreateAsync(GetType().Name);
    }

    /// <summary>Settings for the host, on top of its appsettings.json.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings() =>
    [
        new("Redis:Configuration", TestServices.RedisConfiguration),
        new("Redis:KeyPrefix", Redis.KeyPrefix),
        new("RabbitMq:Port", TestServices.RabbitMqPort.ToString()),
        new("RabbitMq:VirtualHost", VirtualHost.Name),
        new("Logging:Level", "WARNING"),
        new("Urls", "http://127.0.0.1:0"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings()) builder.UseSetting(key, value);
        builder.UseEnvironment("Development");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // Virtual, so that a factory holding more (e.g. a simulator) can release it by overriding DisposeAsync.
        await DisposeAsync();
        await VirtualHost.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
