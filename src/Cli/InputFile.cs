using System;
using System.IO;
using System.Threading.Tasks;

namespace ProtocolCore.Cli;

/// <summary>
/// Opens the file a verb reads (<c>decode FILE</c>, <c>connect --send FILE</c>), <c>-</c> being standard input. A file
/// that cannot be opened is a usage error (exit 2): the command line named it, nothing was attempted yet.
/// </summary>
internal static class InputFile
{
    /// <summary>The stream, or null after one <c>error: cannot open ...</c> line on stderr.</summary>
    public static async Task<Stream?> OpenAsync(string path)
    {
        if (path == "-")
        {
            return Console.OpenStandardInput();
        }

        string shown = PrintableText.Escape(path);
        string? reason;
        try
        {
            // File.OpenRead on a directory says "access denied", which sends the user looking at permissions.
            if (Directory.Exists(path))
            {
                reason = "it is a directory";
            }
            else
            {
                return File.OpenRead(path);
            }
        }
        catch (FileNotFoundException)
        {
            reason = "no such file";
        }
        catch (DirectoryNotFoundException)
        {
            reason = "no such directory";
        }
        catch (UnauthorizedAccessException)
        {
            reason = "permission denied";
        }
        catch (IOException e)
        {
            reason = PrintableText.Escape(e.Message.TrimEnd('.'));
        }
        catch (ArgumentException)
        {
            // An empty path or one with a NUL.
            reason = "not a valid path";
        }

        await Console.Error.WriteLineAsync($"error: cannot open '{shown}': {reason}.").ConfigureAwait(false);
        return null;
    }
}
