using Bos.Simulator;

SimulatorApp.Create(args).Run();

/// <summary>
/// Declared internal on purpose: .NET 10 otherwise generates a public Program for top-level statements, which would
/// clash with the API's public Program in a test project that references both (WebApplicationFactory needs the
/// API's). Embed the simulator through <see cref="RunningSimulator"/> instead.
/// </summary>
internal partial class Program;
