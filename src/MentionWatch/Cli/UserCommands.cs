using System.CommandLine;
using System.Text;
using MentionWatch.Persistence;
using MentionWatch.Time;
using MentionWatch.Web;
using MentionWatch.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MentionWatch.Cli;

/// <summary>
/// The <c>users</c> verbs: <c>users add</c> creates an account (how the first admin is made) and <c>users token</c>
/// issues an API token. The database comes from the usual configuration (<c>ConnectionStrings:Postgres</c>, from
/// appsettings.json, the environment or <c>--ConnectionStrings:Postgres=...</c>); it is migrated first.
/// </summary>
internal static class UserCommands
{
    public static IEnumerable<Command> Create()
    {
        var users = new Command("users", "Manage who can sign in to the web pages.");
        users.Subcommands.Add(CreateAdd());
        users.Subcommands.Add(CreateToken());
        users.Subcommands.Add(CreateRevokeToken());
        users.Subcommands.Add(CreateUnlock());
        return [users];
    }

    private static Command CreateAdd()
    {
        var username = new Option<string>("--username") { Description = "Sign-in name.", Required = true };
        var displayName = new Option<string?>("--name") { Description = "Full name shown on pages (default: the username)." };
        var email = new Option<string?>("--email") { Description = "E-mail address; the SSO proxy's header is matched against it." };
        var roles = new Option<string[]>("--role") { Description = $"Role, repeatable: {string.Join(", ", Roles.All)}.", Required = true, AllowMultipleArgumentsPerToken = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input instead of prompting." };
        var noPassword = new Option<bool>("--no-password") { Description = "No password: the account signs in only through the SSO proxy." };
        var command = new Command("add", "Create an account, e.g. the first admin: users add --username alice --email alice@nhs.net --role admin");
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var option in new Option[] { username, displayName, email, roles, passwordStdin, noPassword }) command.Options.Add(option);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            string? password = null;
            if (!pr.GetValue(noPassword))
            {
                password = pr.GetValue(passwordStdin) ? await Console.In.ReadLineAsync(ct) : ReadHidden("Password: ");
                if (string.IsNullOrEmpty(password) || password.Length < 12)
                {
                    await Console.Error.WriteLineAsync("A password of at least 12 characters is required (or --no-password for SSO-only accounts).");
                    return 2;
                }
            }

            return await WithDirectoryAsync(pr, async directory =>
            {
                var name = pr.GetValue(username)!;
                var user = await directory.AddAsync(name, pr.GetValue(displayName) ?? name, pr.GetValue(email), pr.GetValue(roles) ?? [], password, "cli", ct);
                Console.WriteLine($"Created user {user.Username} with roles {string.Join(", ", user.Roles)}.");
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command CreateToken()
    {
        var username = new Option<string>("--username") { Description = "The account the token acts as (its roles decide what it sees).", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for, e.g. 'datix-import'.", Required = true };
        var days = new Option<int>("--expires-in-days") { Description = "Days until the token stops working (1 to 365).", DefaultValueFactory = _ => 90 };
        var command = new Command("token", "Issue a read-only API token (printed once) for the JSON API under /api: Authorization: Bearer <token>.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.Options.Add(username);
        command.Options.Add(name);
        command.Options.Add(days);
        command.SetAction((ParseResult pr, CancellationToken ct) => WithUserAsync(pr, pr.GetValue(username)!, async (directory, user) =>
        {
            var lifetime = TimeSpan.FromDays(pr.GetValue(days));
            if (lifetime <= TimeSpan.Zero || lifetime > UserDirectory.MaxTokenLifetime)
            {
                await Console.Error.WriteLineAsync("--expires-in-days must be between 1 and 365.");
                return 2;
            }

            Console.WriteLine(await directory.CreateTokenAsync(user, pr.GetValue(name)!, lifetime, "cli", ct));
            return 0;
        }, ct));
        return command;
    }

    private static Command CreateRevokeToken()
    {
        var username = new Option<string>("--username") { Description = "The account the token acts as.", Required = true };
        var name = new Option<string>("--name") { Description = "The name the token was issued with.", Required = true };
        var command = new Command("revoke-token", "Revoke a user's API tokens of that name at once.");
        command.TreatUnmatchedTokensAsErrors = false;
        command.Options.Add(username);
        command.Options.Add(name);
        command.SetAction((ParseResult pr, CancellationToken ct) => WithUserAsync(pr, pr.GetValue(username)!, async (directory, user) =>
        {
            var revoked = await directory.RevokeTokensAsync(user, pr.GetValue(name)!, "cli", ct);
            Console.WriteLine($"Revoked {revoked} token(s) named '{pr.GetValue(name)}' of {user.Username}.");
            return revoked > 0 ? 0 : 1;
        }, ct));
        return command;
    }

    private static Command CreateUnlock()
    {
        var username = new Option<string>("--username") { Description = "The locked account.", Required = true };
        var command = new Command("unlock", "Unlock an account locked after failed sign-ins (when no admin can sign in to do it on the Users page).");
        command.TreatUnmatchedTokensAsErrors = false;
        command.Options.Add(username);
        command.SetAction((ParseResult pr, CancellationToken ct) => WithUserAsync(pr, pr.GetValue(username)!, async (directory, user) =>
        {
            await directory.UnlockAsync(user, "cli", ct);
            Console.WriteLine($"Unlocked {user.Username}.");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>Runs <paramref name="action"/> on the named account; exit code 1 when there is none.</summary>
    private static Task<int> WithUserAsync(ParseResult pr, string username, Func<UserDirectory, UserAccount, Task<int>> action, CancellationToken ct) =>
        WithDirectoryAsync(pr, async (directory, db) =>
        {
            var login = username.ToLowerInvariant();
#pragma warning disable CA1862 // ToLower() translates to SQL lower(); string.Equals with a comparison does not.
            var user = await db.Users.SingleOrDefaultAsync(u => u.Username.ToLower() == login, ct);
#pragma warning restore CA1862
            if (user is null)
            {
                await Console.Error.WriteLineAsync($"No user {login}.");
                return 1;
            }

            return await action(directory, user);
        }, ct);

    private static Task<int> WithDirectoryAsync(ParseResult pr, Func<UserDirectory, Task<int>> action, CancellationToken ct) =>
        WithDirectoryAsync(pr, (directory, _) => action(directory), ct);

    private static async Task<int> WithDirectoryAsync(ParseResult pr, Func<UserDirectory, MentionWatchDb, Task<int>> action, CancellationToken ct)
    {
        var configuration = new ConfigurationBuilder().AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables().AddCommandLine(pr.UnmatchedTokens.ToArray()).Build();
        var connectionString = configuration.GetConnectionString("Postgres");
        if (connectionString is null)
        {
            await Console.Error.WriteLineAsync("ConnectionStrings:Postgres is not set.");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await Migrator.Create(configuration, dataSource).MigrateAsync(ct);
        await using var db = new MentionWatchDb(new DbContextOptionsBuilder<MentionWatchDb>().UseNpgsql(dataSource).Options);
        var web = new WebOptions();
        configuration.GetSection(WebOptions.SectionName).Bind(web);
        try
        {
            return await action(new UserDirectory(db, TimeProvider.System, Options.Create(web), new UkTime(TimeServiceCollectionExtensions.FromConfiguration(configuration))), db);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await Console.Error.WriteLineAsync("A user with that username or e-mail already exists.");
            return 1;
        }
    }

    private static string ReadHidden(string prompt)
    {
        Console.Write(prompt);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0) text.Length--;
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }

        Console.WriteLine();
        return text.ToString();
    }
}
