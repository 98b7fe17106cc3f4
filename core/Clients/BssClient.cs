using System.Net;
using System.Text.Json.Serialization;
using Bos.Core.Options;

namespace Bos.Core.Clients;

/// <summary>BSS calls BOS makes (EXT-30).</summary>
public interface IBssClient
{
    /// <summary>
    /// PUT /bootparameters for the hosts, split by max_component_batch_size: one referral token per request,
    /// each with the hosts it covers (what a node will report back in actual_state.bss_token).
    /// </summary>
    Task<IReadOnlyList<BssReferral>> SetBootParametersAsync(
        IReadOnlyCollection<string> hosts, string kernelParameters, string kernel, string initrd, CancellationToken ct = default);

    /// <summary>GET /bootparameters?name=host: what the host will boot, or null if BSS has nothing for it.</summary>
    Task<BssBootParameters?> GetBootParametersAsync(string host, CancellationToken ct = default);
}

public sealed record BssReferral(string Token, IReadOnlyList<string> Hosts);

public sealed record BssBootParameters(
    [property: JsonPropertyName("hosts")] IReadOnlyList<string> Hosts,
    [property: JsonPropertyName("params")] string? Params,
    [property: JsonPropertyName("kernel")] string? Kernel,
    [property: JsonPropertyName("initrd")] string? Initrd);

internal sealed class BssClient(HttpClient http, IBosOptionsSource options) : IBssClient
{
    private const string Service = "bss";
    public const string TokenHeader = "bss-referral-token";

    public async Task<IReadOnlyList<BssReferral>> SetBootParametersAsync(
        IReadOnlyCollection<string> hosts, string kernelParameters, string kernel, string initrd, CancellationToken ct = default)
    {
        var referrals = new List<BssReferral>();
        foreach (var batch in Batches.Of(hosts.Distinct().ToList(), options.Current.MaxComponentBatchSize))
        {
            var body = new { hosts = batch, @params = kernelParameters, kernel, initrd };
            // The body of BSS's answer is not used (nor parsed, as upstream): only the token header matters.
            using var response = await http.SendJsonAsync(HttpMethod.Put, "bootparameters", body, ct);
            await response.EnsureSuccessAsync(Service, ct);
            var token = response.Headers.TryGetValues(TokenHeader, out var values) ? values.FirstOrDefault() : null;
            if (string.IsNullOrEmpty(token))
                throw new ServiceResponseException($"BSS answered PUT {response.RequestMessage?.RequestUri} without a {TokenHeader} header");
            referrals.Add(new BssReferral(token, batch));
        }
        return referrals;
    }

    public async Task<BssBootParameters?> GetBootParametersAsync(string host, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"bootparameters?name={Uri.EscapeDataString(host)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var records = await response.ReadAsync<List<BssBootParameters>>(Service, ct);
        return records.FirstOrDefault(r => r.Hosts.Contains(host)) ?? records.FirstOrDefault();
    }
}
