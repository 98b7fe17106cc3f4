namespace Bos.Api.Tests;

/// <summary>The API in-process over the real Redis and RabbitMQ, isolated per test class.</summary>
public sealed class ApiFactory : ApiHostFactory;
