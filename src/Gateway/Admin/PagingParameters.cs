using Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace Gateway.Admin;

/// <summary>Reads the <c>limit</c> and <c>cursor</c> query parameters shared by the admin API's listings.</summary>
public static class PagingParameters
{
    /// <summary>The <c>limit</c> parameter: <c>null</c> when absent; an error naming it when not 1 to <paramref name="max"/>.</summary>
    public static int? Limit(IQueryCollection query, int max, ValidationErrors errors)
    {
        if (query["limit"].ToString() is not { Length: > 0 } text)
        {
            return null;
        }

        if (int.TryParse(text, out var limit) && limit >= 1 && limit <= max)
        {
            return limit;
        }

        errors.Add("limit", $"Must be an integer from 1 to {max}.");
        return null;
    }

    /// <summary>The <c>cursor</c> parameter decoded by <paramref name="decode"/>; an error naming it when it does not decode.</summary>
    public static T? Cursor<T>(IQueryCollection query, ValidationErrors errors, TryDecode<T> decode)
    {
        if (query["cursor"].ToString() is not { Length: > 0 } text)
        {
            return default;
        }

        if (decode(text, out var cursor))
        {
            return cursor;
        }

        errors.Add("cursor", "Not a cursor returned by this API.");
        return default;
    }

    /// <summary>A cursor decoder.</summary>
    public delegate bool TryDecode<T>(string value, out T cursor);
}
