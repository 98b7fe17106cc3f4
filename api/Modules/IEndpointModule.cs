namespace Bos.Api.Modules;

/// <summary>One resource's routes (Carter's idea, without Carter): each module maps its own route group.</summary>
public interface IEndpointModule
{
    void Map(IEndpointRouteBuilder app);
}
