# MentionWatch container image: one executable, `mentionwatch`, for every role (service, migrate, classify…).
#   docker build -t mentionwatch:local .
#   docker run --rm mentionwatch:local --help
# Arguments after the image name are passed to the CLI, e.g. `migrate`; with none the root command runs.

# ---- build ---------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project file and central package/build props only, so this layer is cached
# until a package reference changes. Not the .sln: the test projects are not part of the image.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/MentionWatch/MentionWatch.csproj src/MentionWatch/
RUN dotnet restore src/MentionWatch/MentionWatch.csproj

COPY src/ src/
# Framework-dependent publish; no apphost, the entrypoint runs the dll through `dotnet`.
RUN dotnet publish src/MentionWatch -c Release -o /app --no-restore -p:UseAppHost=false

# ---- runtime -------------------------------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

COPY --from=build /app ./
# Fictional trust profile and mentions for the `replay` source (see deploy/sample/README.md).
COPY deploy/sample/ ./sample/

# Files stay owned by root and read-only to the app; the app writes only to /tmp (an emptyDir in k8s).
# ASPNETCORE_URLS wins over the base image's ASPNETCORE_HTTP_PORTS=8080; clearing the latter avoids
# Kestrel's "Overriding HTTP_PORTS" warning at start-up.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS="" \
    DOTNET_NOLOGO=1
EXPOSE 8080

# The non-root `app` user (uid 1654) that the .NET images provide.
USER $APP_UID

# No HEALTHCHECK: the image has no curl/wget. Compose and Kubernetes probe /health/live and /health/ready.
ENTRYPOINT ["dotnet", "/app/mentionwatch.dll"]
