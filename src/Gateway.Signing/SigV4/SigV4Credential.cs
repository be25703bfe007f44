namespace Gateway.Signing.SigV4;

/// <summary>The parsed <c>Credential=</c> part: <c>AKID/yyyymmdd/region/service/aws4_request</c>.</summary>
public sealed class SigV4Credential
{
    private readonly ReadOnlyMemory<char> _accessKeyIdText;
    private string? _accessKeyId;

    internal SigV4Credential(string accessKeyId, string dateStamp, DateOnly date, string region, string service)
        : this(accessKeyId.AsMemory(), dateStamp, date, region, service)
    {
        _accessKeyId = accessKeyId;
    }

    /// <summary>A credential whose access key id is <paramref name="accessKeyId"/>, characters of the parsed header.</summary>
    internal SigV4Credential(ReadOnlyMemory<char> accessKeyId, string dateStamp, DateOnly date, string region, string service)
    {
        _accessKeyIdText = accessKeyId;
        DateStamp = dateStamp;
        Date = date;
        Region = region;
        Service = service;
    }

    /// <summary>The access key id (the gateway key id).</summary>
    public string AccessKeyId => _accessKeyId ??= _accessKeyIdText.ToString();

    /// <summary>The access key id's characters, as parsed from the header: no string is made for them.</summary>
    public ReadOnlyMemory<char> AccessKeyIdMemory => _accessKeyIdText;

    /// <summary>The scope date as sent, <c>yyyymmdd</c>.</summary>
    public string DateStamp { get; }

    /// <summary>The scope date.</summary>
    public DateOnly Date { get; }

    /// <summary>The region, to be checked against <c>Gateway:Signing:SigV4:Regions</c>.</summary>
    public string Region { get; }

    /// <summary>The service, to be checked against <c>Gateway:Signing:SigV4:Services</c>.</summary>
    public string Service { get; }

    /// <summary>The credential scope: <c>yyyymmdd/region/service/aws4_request</c>.</summary>
    public string Scope => $"{DateStamp}/{Region}/{Service}/{SigV4Constants.Terminator}";
}
