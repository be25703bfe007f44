using Microsoft.AspNetCore.Authorization;

namespace Gateway.Authorization;

/// <summary>The client IP must be admitted by the account's and by the key's CIDR lists (an empty list admits all).</summary>
public sealed class IpAllowlistRequirement : IAuthorizationRequirement;
