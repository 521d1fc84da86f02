using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Reflection;

namespace ProtocolCore.Scale.Runner;

/// <summary>Starts this program in another role, pinned with <c>taskset -c</c> when a CPU list is given and taskset exists.</summary>
internal static class ChildProcess
{
    private const string TaskSet = "/usr/bin/taskset";

    public static bool CanPin => File.Exists(TaskSet) && Environment.ProcessorCount >= 2;

    public static Process Start(string cpus, IEnumerable<string> arguments, bool redirectInput)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        bool pin = cpus.Length > 0 && CanPin;
        info.FileName = pin ? TaskSet : self;
        if (pin)
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(cpus);
            info.ArgumentList.Add(self);
        }

        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            // Run as `dotnet ProtocolCore.Scale.dll`: the children need the assembly path too.
            info.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
    }
}
