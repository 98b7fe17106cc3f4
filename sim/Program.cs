using Bos.Simulator;

// Program stays internal (no "public partial class Program"): a test project may reference this and the API,
// whose public Program WebApplicationFactory needs. Embed the simulator through RunningSimulator instead.
SimulatorApp.Create(args).Run();
