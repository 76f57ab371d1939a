using System.Globalization;
using System.Text.Json;
using HFDesk.Core.Hub;
using Microsoft.Data.Sqlite;

namespace HFDesk.Core.Jobs;

/// <summary>
/// Jobs and history in one SQLite file (WAL). Each job is one row holding its JSON snapshot; history rows are
/// flat columns so paging never parses JSON.
/// </summary>
internal sealed class JobStore : IJobStore
{
    public const string DefaultFileName = "jobs.db";

    // 2: history.source and history.lan_client (LAN pulls of the Hub endpoint); a version-1 file gains them at open.
    private const int SchemaVersion = 2;

    private const string HubSource = "hub";

    private readonly string _connectionString;
    private readonly Lock _initializationLock = new();
    private Task? _initialization;

    public JobStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string DatabasePath { get; }

    public static JobStore InDataDirectory(string dataDirectory) =>
        new(Path.Combine(dataDirectory, DefaultFileName));

    public async Task<IReadOnlyList<Job>> LoadJobsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM jobs ORDER BY seq";
        var jobs = new List<Job>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var job = JsonSerializer.Deserialize(reader.GetString(0), JobStoreJsonContext.Default.Job);
            if (job is not null)
            {
                jobs.Add(job);
            }
        }

        return jobs;
    }

    public async Task SaveAsync(Job job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        string? previousStatus;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT status FROM jobs WHERE id = $id";
            select.Parameters.AddWithValue("$id", job.Id.Value);
            previousStatus = await select.ExecuteScalarAsync(cancellationToken) as string;
        }

        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO jobs (id, seq, status, body) VALUES ($id, $seq, $status, $body)
                ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, status = excluded.status, body = excluded.body
                """;
            upsert.Parameters.AddWithValue("$id", job.Id.Value);
            upsert.Parameters.AddWithValue("$seq", job.Sequence);
            upsert.Parameters.AddWithValue("$status", job.Status.Word());
            upsert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(job, JobStoreJsonContext.Default.Job));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        var wasTerminal = previousStatus is not null && Enum.TryParse<JobStatus>(previousStatus, ignoreCase: true, out var previous)
            && previous.IsTerminal();
        if (job.Status.IsTerminal() && !wasTerminal)
        {
            await InsertHistoryAsync(connection, transaction, job, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(JobId id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM jobs WHERE id = $id";
        command.Parameters.AddWithValue("$id", id.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<JobHistoryPage> GetHistoryAsync(int limit, int offset, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        await using var connection = await OpenAsync(cancellationToken);

        int total;
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT COUNT(*) FROM history";
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var entries = new List<JobHistoryEntry>();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT entry_id, job_id, repo, revision, type, status, total_files, total_bytes, output_dir, hub_dir,
                   started_at, ended_at, error, source, lan_client
            FROM history ORDER BY entry_id DESC LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new JobHistoryEntry
            {
                Id = reader.GetInt64(0),
                JobId = JobId.Parse(reader.GetString(1)),
                Repo = RepoId.Parse(reader.GetString(2)),
                Revision = reader.GetString(3),
                Type = reader.GetString(4) == RepoType.Dataset.Word() ? RepoType.Dataset : RepoType.Model,
                Status = Enum.Parse<JobStatus>(reader.GetString(5), ignoreCase: true),
                TotalFiles = reader.GetInt32(6),
                TotalBytes = reader.GetInt64(7),
                OutputDir = reader.GetString(8),
                HubDir = reader.IsDBNull(9) ? null : reader.GetString(9),
                StartedAt = reader.IsDBNull(10) ? null : ParseTime(reader.GetString(10)),
                EndedAt = ParseTime(reader.GetString(11)),
                Error = reader.IsDBNull(12) ? null : reader.GetString(12),
                Source = !reader.IsDBNull(13) && reader.GetString(13) == HubSource ? JobSource.Hub : JobSource.Download,
                LanClient = reader.IsDBNull(14) ? null : reader.GetString(14),
            });
        }

        return new JobHistoryPage(entries, total);
    }

    private static async Task InsertHistoryAsync(
        SqliteConnection connection, SqliteTransaction transaction, Job job, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO history (job_id, repo, revision, type, status, total_files, total_bytes, output_dir, hub_dir,
                                 started_at, ended_at, error, source, lan_client)
            VALUES ($jobId, $repo, $revision, $type, $status, $files, $bytes, $outputDir, $hubDir, $startedAt, $endedAt, $error,
                    $source, $lanClient)
            """;
        insert.Parameters.AddWithValue("$jobId", job.Id.Value);
        insert.Parameters.AddWithValue("$repo", job.Repo.ToString());
        insert.Parameters.AddWithValue("$revision", job.Request.Revision);
        insert.Parameters.AddWithValue("$type", job.Request.Type.Word());
        insert.Parameters.AddWithValue("$status", job.Status.Word());
        insert.Parameters.AddWithValue("$files", job.Progress.TotalFiles);
        insert.Parameters.AddWithValue("$bytes", job.Progress.TotalBytes);
        insert.Parameters.AddWithValue("$outputDir", job.Destination.OutputDir);
        insert.Parameters.AddWithValue("$hubDir", (object?)job.Destination.HubDir ?? DBNull.Value);
        insert.Parameters.AddWithValue("$startedAt", job.StartedAt is { } started ? FormatTime(started) : DBNull.Value);
        insert.Parameters.AddWithValue("$endedAt", FormatTime(job.EndedAt ?? job.CreatedAt));
        insert.Parameters.AddWithValue("$error", (object?)job.Error ?? DBNull.Value);
        insert.Parameters.AddWithValue("$source", job.Source == JobSource.Hub ? HubSource : DBNull.Value);
        insert.Parameters.AddWithValue("$lanClient", (object?)job.LanClient ?? DBNull.Value);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync().WaitAsync(cancellationToken);

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private Task EnsureInitializedAsync()
    {
        lock (_initializationLock)
        {
            if (_initialization is null || _initialization.IsFaulted)
            {
                _initialization = InitializeAsync();
            }

            return _initialization;
        }
    }

    private async Task InitializeAsync()
    {
        var directory = Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // WAL survives a killed process without losing committed rows and lets readers run beside the writer.
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS jobs (
                id TEXT PRIMARY KEY,
                seq INTEGER NOT NULL,
                status TEXT NOT NULL,
                body TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS history (
                entry_id INTEGER PRIMARY KEY AUTOINCREMENT,
                job_id TEXT NOT NULL,
                repo TEXT NOT NULL,
                revision TEXT NOT NULL,
                type TEXT NOT NULL,
                status TEXT NOT NULL,
                total_files INTEGER NOT NULL,
                total_bytes INTEGER NOT NULL,
                output_dir TEXT NOT NULL,
                hub_dir TEXT,
                started_at TEXT,
                ended_at TEXT NOT NULL,
                error TEXT,
                source TEXT,
                lan_client TEXT);
            """;
        await command.ExecuteNonQueryAsync();
        await AddMissingHistoryColumnsAsync(connection);
        await using var version = connection.CreateCommand();
        version.CommandText = $"PRAGMA user_version = {SchemaVersion};";
        await version.ExecuteNonQueryAsync();
    }

    // A file written before schema 2 has the history table without the LAN pull columns; its rows read as downloads.
    private static async Task AddMissingHistoryColumnsAsync(SqliteConnection connection)
    {
        var columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('history')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        foreach (var column in (string[])["source", "lan_client"])
        {
            if (!columns.Contains(column))
            {
                await using var alter = connection.CreateCommand();
                alter.CommandText = $"ALTER TABLE history ADD COLUMN {column} TEXT";
                await alter.ExecuteNonQueryAsync();
            }
        }
    }

    private static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
