using System.Net;
using Bos.Testing;
using Carter;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bos.Api.Tests.OpenApi;

/// <summary>
/// Carter maps the API's own resource modules and nothing else: its assembly scan is limited to Bos.Api, so a
/// module in a test assembly (like <see cref="StrayTestModule"/>) never becomes a route of the hosted API.
/// </summary>
[NeedsServices]
public sealed class CarterModulesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public void Every_registered_module_comes_from_the_API_assembly()
    {
        var modules = factory.Services.GetServices<ICarterModule>().Select(m => m.GetType()).ToList();

        modules.Should().OnlyContain(t => t.Assembly == typeof(Program).Assembly);
        modules.Select(t => t.Name).Should().BeEquivalentTo(
            "ApplyStagedModule", "AsyncApiModule", "AuditModule", "ComponentHistoryModule", "ComponentsModule", "DashboardModule", "DryRunModule", "HealthModule", "OpenApiModule", "OptionsModule",
            "SessionTemplatesModule", "SessionTemplateTemplateModule", "SessionsModule", "VersionModule",
            "V1VersionModule", "V1SessionTemplatesModule", "V1SessionsModule", "V1StatusModule");
    }

    [Fact]
    public async Task A_module_defined_in_a_test_assembly_is_not_mapped()
    {
        var response = await factory.CreateClient().GetAsync(StrayTestModule.Path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}

/// <summary>A public module outside the API: it must not be picked up by the API's Carter scan.</summary>
public sealed class StrayTestModule : ICarterModule
{
    public const string Path = "/v2/stray-test-module";

    public void AddRoutes(IEndpointRouteBuilder app) => app.MapGet(Path, () => "stray");
}
