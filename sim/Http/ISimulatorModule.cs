namespace Bos.Simulator.Http;

/// <summary>One simulated service (or the control API): maps its routes under its own prefix.</summary>
public interface ISimulatorModule
{
    /// <summary>Service name used by the fault knobs and the request counters ("hsm", "pcs", ...).</summary>
    string Service { get; }

    /// <summary>Path prefix the service lives under, e.g. "/hsm/v2".</summary>
    string Prefix { get; }

    void Map(IEndpointRouteBuilder app);
}
