namespace Bos.Core.Clients;

/// <summary>
/// Where the services BOS calls live, from configuration section "Services" (e.g. Services:Hsm). Defaults point at
/// the local simulator (sim/, port 8090). In a CSM cluster they would be http://cray-smd/hsm/v2,
/// http://cray-power-control, http://cray-bss/boot/v1, http://cray-cfs-api/v3, http://cray-ims/v3,
/// https://rgw-vip (S3) and http://cray-tapms/v1alpha3.
/// </summary>
public sealed class ServiceEndpoints
{
    public const string Section = "Services";

    public string Hsm { get; set; } = "http://127.0.0.1:8090/hsm/v2";

    public string Pcs { get; set; } = "http://127.0.0.1:8090/power-control/v1";

    public string Bss { get; set; } = "http://127.0.0.1:8090/boot/v1";

    public string Cfs { get; set; } = "http://127.0.0.1:8090/cfs/v3";

    public string Ims { get; set; } = "http://127.0.0.1:8090/ims/v3";

    /// <summary>S3 endpoint, addressed path-style: {S3}/{bucket}/{key}.</summary>
    public string S3 { get; set; } = "http://127.0.0.1:8090/s3";

    public string Tapms { get; set; } = "http://127.0.0.1:8090/tapms/v1alpha3";

    /// <summary>
    /// How long the API remembers a TAPMS answer (a tenant's xnames, or that it does not exist); 0 asks TAPMS on
    /// every request as upstream does (SCALE-10).
    /// </summary>
    public double TapmsCacheSeconds { get; set; } = 5;

    /// <summary>
    /// Most xnames sent to PCS in one request. Real PCS fails on requests over roughly 2,500 nodes (CASMHMS-6241),
    /// so requests are split below that whatever max_component_batch_size says.
    /// </summary>
    public int PcsMaxXnamesPerRequest { get; set; } = 2000;

    /// <summary>Upstream turns TLS verification off (the mesh does mTLS); here it stays on unless set false.</summary>
    public bool VerifyTls { get; set; } = true;

    public double ConnectTimeoutSeconds { get; set; } = 3;

    public ServiceRetryOptions Retry { get; set; } = new();
}

/// <summary>Upstream's requests-retry-session: 10 retries on 500/502/503/504 and connection errors, back-off 0.5 s × 2^n.</summary>
public sealed class ServiceRetryOptions
{
    public int MaxRetries { get; set; } = 10;

    public double BackoffSeconds { get; set; } = 0.5;

    /// <summary>Cap of one back-off delay (urllib3's BACKOFF_MAX).</summary>
    public double MaxBackoffSeconds { get; set; } = 120;
}
