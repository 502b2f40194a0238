namespace MentionWatch.Web.Pages.Foi;

/// <summary>
/// Who may use the FOI board: the FOI team, and admin. Cases hold requesters' names and the trust's handling of
/// their requests, so PALS, comms and SPA are sent to the access-denied page like any other page outside their role.
/// </summary>
public static class FoiAccess
{
    /// <summary>For <c>[Authorize(Roles = ...)]</c>: any one of these roles is enough.</summary>
    public const string Roles = $"{Accounts.Roles.Foi},{Accounts.Roles.Admin}";
}
