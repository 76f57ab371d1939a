using System.Reflection;
using HFDesk.Server.Access;
using HFDesk.Server.Endpoints;
using HFDesk.Server.WebRoot;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace HFDesk.Server;

/// <summary>Builds the HFDesk web server: Kestrel, the access rules, the error envelope, /api and the embedded UI.</summary>
internal static class HfDeskServer
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>Kestrel's own ceiling for the request line and headers; the usual limits are the app's (RequestHeadLimitMiddleware).</summary>
    public const int KestrelRequestLineBytes = 256 * 1024;

    public static string Version { get; } =
        (typeof(HfDeskServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
        .Split('+')[0];

    /// <summary>A server ready to <c>StartAsync</c>; after start, <c>app.Urls</c> holds the bound address (port 0 resolved).</summary>
    /// <exception cref="ArgumentException">Unsafe or invalid options (see <see cref="HfDeskServerBinding.Resolve"/>).</exception>
    public static WebApplication Build(HfDeskServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var binding = HfDeskServerBinding.Resolve(options);
        options = options with { Settings = options.Settings ?? ServerServices.OpenSettings(options) };

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(HfDeskServer).Assembly.GetName().Name,
            // No content root files are used (the UI is embedded); pin it so the working directory never matters.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        // The host logs a failed start (a port in use) with its whole stack before rethrowing; the caller reports it
        // in one line (hfdesk serve), so the host's own copy is noise.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            // Kestrel refuses oversized request heads with empty bodies before any middleware runs; raise its
            // ceilings so that RequestHeadLimitMiddleware applies the usual limits with the error envelope.
            kestrel.Limits.MaxRequestLineSize = KestrelRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = KestrelRequestLineBytes;
            kestrel.Listen(binding.Address, binding.Port, listen => listen.Use(Transport.SendfileConnectionMiddleware.Wrap));
        });

        builder.Services.AddHfDeskServer(options);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Reached only if no IExceptionHandler took the failure.
            ExceptionHandler = context => ApiErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error"),
        });
        app.UseStatusCodePages(StatusCodeEnvelope.WriteAsync);
        app.UseMiddleware<OriginPolicyMiddleware>();
        if (!string.IsNullOrEmpty(options.AuthUser))
        {
            // /hub has its own LAN tokens (Bearer): Basic auth there would lock out every Hugging Face client.
            var credentials = new BasicCredentials(options.AuthUser, options.AuthPass ?? "");
            app.UseWhen(
                context => !context.Request.Path.StartsWithSegments(HubServing.HubRoute.Prefix, StringComparison.Ordinal),
                branch => branch.UseMiddleware<BasicAuthMiddleware>(credentials));
        }

        app.UseMiddleware<RequestHeadLimitMiddleware>();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<HeadAsGetMiddleware>();
        app.UseWebSockets();
        app.UseMiddleware<EmbeddedWebRootMiddleware>();
        app.UseRouting();
        app.MapHfDeskApi();
        app.MapHubEndpoints();
        return app;
    }
}
