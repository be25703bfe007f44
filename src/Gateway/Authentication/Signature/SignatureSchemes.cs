using Microsoft.AspNetCore.Http;

namespace Gateway.Authentication.Signature;

/// <summary>The registered <see cref="ISignatureScheme"/>s, in registration order (the first that recognises a request wins).</summary>
public sealed class SignatureSchemes(IEnumerable<ISignatureScheme> schemes)
{
    /// <summary>Every scheme, in registration order.</summary>
    public ISignatureScheme[] All { get; } = [.. schemes];

    /// <summary>Whether any scheme recognises the request's headers (the policy scheme sends it to the signature handler).</summary>
    public bool Detects(IHeaderDictionary headers)
    {
        foreach (var scheme in All)
        {
            if (scheme.Detects(headers))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <see cref="ISignatureScheme.ReleasesReplayOnRetry"/> of the scheme named <paramref name="name"/>; <c>false</c> for any other name.</summary>
    public bool ReleasesReplayOnRetry(string name)
    {
        foreach (var scheme in All)
        {
            if (string.Equals(scheme.Name, name, StringComparison.Ordinal))
            {
                return scheme.ReleasesReplayOnRetry;
            }
        }

        return false;
    }
}
