namespace Connector.Store;

/// <summary>
/// The store holds CRM data and encrypted tokens: on Unix its folder is created owner-only (0700) and its files
/// (the database, <c>-wal</c>, <c>-shm</c>) are owner read/write (0600). A folder that already exists is left as it
/// is (it may be the user's own); the store's files are tightened every time the store is first opened.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and any missing parents, each 0700 on Unix.</summary>
    public static DirectoryInfo CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: make each missing one ourselves.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !string.IsNullOrEmpty(folder) && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }

        return new DirectoryInfo(path);
    }

    /// <summary>Creates the folder (0700) and an empty database file (0600) if missing; sets 0600 on the file and its -wal/-shm.</summary>
    public static void PrepareDatabase(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            CreateFolder(folder);
        }

        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(full))
        {
            // An empty file is a valid empty SQLite database; SQLite gives -wal and -shm the database file's mode.
            try
            {
                using var created = new FileStream(full, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
            }
            catch (IOException) when (File.Exists(full))
            {
                // Another opener created it first.
            }
        }

        foreach (var file in new[] { full, full + "-wal", full + "-shm", full + "-journal" })
        {
            try
            {
                if (File.Exists(file) && (File.GetUnixFileMode(file) & ~FileMode) != 0)
                {
                    File.SetUnixFileMode(file, FileMode);
                }
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to change (another owner); SQLite still opens it if it may.
            }
        }
    }
}
