using Bos.Simulator;

SimulatorApp.Create(args).Run();

/// <summary>Entry point type (also lets WebApplicationFactory find the assembly).</summary>
public partial class Program;
