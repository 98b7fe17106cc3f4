using Bos.Testing;

namespace Bos.Workers.Tests;

/// <summary>One worker process in-process over the real Redis and RabbitMQ, isolated per test class.</summary>
public sealed class WorkerFactory : BosHostFactory<Program>;
