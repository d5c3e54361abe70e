using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FunctionsSender.Testing;

/// <summary>
/// A private, in-memory Azurite (pinned in the repository's package.json, installed with <c>npm ci</c> when missing) on
/// free loopback ports. Free of any test framework so the test projects and the load benchmark share this one file
/// (linked, not copied); <see cref="AzuriteFixture"/> is the xunit face of it.
/// </summary>
public class AzuriteProcess : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    // Azurite's well-known development key (EMULATOR_ACCOUNT_KEY in its source); it accepts no other for this account.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);

    private readonly StringBuilder output = new();
    private Process? process;
    private string? location;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    /// <summary>Connection string for all three services, usable as AzureWebJobsStorage.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public async Task StartAsync()
    {
        var root = FindRepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
        if (!File.Exists(azurite))
        {
            await RunNpmCiAsync(root);
        }

        var ports = FreePorts(3);
        (BlobPort, QueuePort, TablePort) = (ports[0], ports[1], ports[2]);
        location = Path.Combine(Path.GetTempPath(), "azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);

        var startInfo = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = location,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        process = Process.Start(startInfo) ?? throw new InvalidOperationException("Azurite did not start.");
        // --location cannot be combined with --inMemoryPersistence; the private working directory catches any debug
        // or extent files Azurite still writes. Drain both pipes so a chatty Azurite can never block on a full buffer; keep the text for failure messages.
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitForPortAsync(QueuePort);
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
            process = null;
        }

        if (location is not null && Directory.Exists(location))
        {
            try
            {
                Directory.Delete(location, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The folder holding FunctionsSender.sln, found by walking up from the test's working directory.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "FunctionsSender.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("FunctionsSender.sln not found above the test directory; cannot locate Azurite.");
    }

    /// <summary>Distinct free loopback ports; the listeners are held together so the same port is not handed out twice.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static async Task RunNpmCiAsync(string root)
    {
        var startInfo = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(startInfo) ?? throw new InvalidOperationException("npm did not start.");
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(NpmTimeout);
        try
        {
            await npm.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            npm.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"npm ci in {root} did not finish within {NpmTimeout}.");
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {root} failed ({npm.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not accept connections on port {port} within {StartTimeout}:\n{Output()}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
