using System.Reflection;
using System.Text;
using Learn.Dnn.Devices.OpenCL.Native;
using Silk.NET.OpenCL;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>Programs, kernels and launches: compile each Kernels/*.cl once per device, then set arguments and enqueue.</summary>
public sealed partial class OpenClDevice
{
    // A program is keyed by what its source comes from: the file name of a fixed Kernels/*.cl file,
    // or the UnaryFunction / BinaryFunction object whose definition generated it.
    private readonly Dictionary<object, ClProgram> programs = [];
    private readonly Dictionary<(object Program, string Name), ClKernel> kernels = [];

    /// <summary>Kernel <paramref name="name"/> of Kernels/<paramref name="file"/>.cl, compiling the file on first use.</summary>
    private ClKernel Kernel(string file, string name) => Kernel(file, name, static file => KernelSource(file));

    /// <summary>
    /// Kernel <paramref name="name"/> of the program keyed by <paramref name="program"/>, compiling
    /// <paramref name="source"/>(<paramref name="program"/>) on first use.
    /// </summary>
    private unsafe ClKernel Kernel<TKey>(TKey program, string name, Func<TKey, string> source) where TKey : notnull
    {
        lock (queueGate)
        {
            if (kernels.TryGetValue((program, name), out var kernel)) return kernel;
            if (!programs.TryGetValue(program, out var built)) programs[program] = built = Build($"the program for {program}", source(program));
            // clCreateKernel: the __kernel function of that name, with argument slots of its own.
            int error;
            kernel = new ClKernel(cl.CreateKernel(built.Handle, name, &error));
            if (error != 0) throw new OpenClException("clCreateKernel", error, $"kernel '{name}' in the program for {program}");
            return kernels[(program, name)] = kernel;
        }
    }

    /// <summary>
    /// "#define PREFIX_NAME value" for every member of the enum, so that a kernel's constants come
    /// from the C# enum itself and never from a hand-numbered copy: ReduceOp.Max → REDUCE_MAX 1.
    /// </summary>
    internal static string EnumDefines<TEnum>(string prefix) where TEnum : struct, Enum
    {
        var text = new StringBuilder();
        foreach (var value in Enum.GetValues<TEnum>())
            text.Append($"#define {prefix}_{value.ToString().ToUpperInvariant()} {Convert.ToInt32(value)}\n");
        return text.ToString();
    }

    /// <summary>Compiles OpenCL C source for this device; a compile error carries the build log.</summary>
    internal unsafe ClProgram Build(string name, string source)
    {
        // clCreateProgramWithSource: a program from one string of OpenCL C (null lengths: it ends with '\0').
        int error;
        var program = new ClProgram(cl.CreateProgramWithSource(context.Handle, 1, [source], null, &error));
        OpenClException.Check(error, "clCreateProgramWithSource");
        // clBuildProgram: compile it for our device, with no options, waiting until it is done (no callback).
        nint device = Info.Device;
        error = cl.BuildProgram(program.Handle, 1, &device, "", null, null);
        if (error != 0)
        {
            string log = BuildLog(program);
            program.Dispose();
            throw new OpenClException("clBuildProgram", error, $"{name} did not compile on {Info.Name}:\n{log}");
        }
        return program;
    }

    /// <summary>The compiler's messages: clGetProgramBuildInfo asked twice, for the log's size and then for its text.</summary>
    private unsafe string BuildLog(ClProgram program)
    {
        nuint size;
        if (cl.GetProgramBuildInfo(program.Handle, Info.Device, ProgramBuildInfo.BuildLog, 0, null, &size) != 0) return "(no build log)";
        var log = new byte[(int)size];
        fixed (byte* p = log) cl.GetProgramBuildInfo(program.Handle, Info.Device, ProgramBuildInfo.BuildLog, size, p, null);
        return Encoding.UTF8.GetString(log).TrimEnd('\0');
    }

    /// <summary>The text of Kernels/<paramref name="file"/>.cl, embedded in this assembly.</summary>
    internal static string KernelSource(string file)
    {
        string resource = $"Learn.Dnn.Devices.OpenCL.Kernels.{file}.cl";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"OpenCL: the kernel source {resource} is not embedded in Learn.Dnn.OpenCL.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Sets the kernel's arguments in order and enqueues it over <paramref name="global"/> work-items
    /// (1-D or 2-D), in work-groups of <paramref name="local"/>; empty means 64 work-items (1-D) or
    /// 16 × 16 (2-D), with the global size rounded up to whole work-groups (every kernel checks its
    /// bounds). Fixed work-group sizes matter on POCL, which compiles a kernel anew for every
    /// work-group size it is launched with.
    /// </summary>
    private void Launch(ClKernel kernel, ReadOnlySpan<int> global, ReadOnlySpan<int> local, params ReadOnlySpan<KernelArg> args)
    {
        foreach (int size in global) if (size == 0) return;   // nothing to compute (an empty tensor)
        lock (queueGate)
        {
            for (int i = 0; i < args.Length; i++) args[i].Set(kernel, (uint)i);
            Enqueue(kernel, global, local);
        }
    }

    private unsafe void Enqueue(ClKernel kernel, ReadOnlySpan<int> global, ReadOnlySpan<int> local)
    {
        nuint* globalSize = stackalloc nuint[global.Length];
        nuint* localSize = stackalloc nuint[global.Length];
        for (int d = 0; d < global.Length; d++)
        {
            int group = !local.IsEmpty ? local[d] : global.Length == 1 ? 64 : 16;
            localSize[d] = (nuint)group;
            globalSize[d] = (nuint)RoundUp(global[d], group);
        }
        // clEnqueueNDRangeKernel: run the kernel once per work-item of the global range (no offset),
        // in work-groups of localSize, after every command before it; no events to wait for or return.
        int error = cl.EnqueueNdrangeKernel(queue.Handle, kernel.Handle, (uint)global.Length, null, globalSize, localSize, 0, null, null);
        OpenClException.Check(error, "clEnqueueNDRangeKernel");
        Enqueued();
    }

    /// <summary>The most commands waiting in the queue before the host waits for the device.</summary>
    public const int MaxCommandsInFlight = 512;

    private int commandsInFlight;

    /// <summary>
    /// Counts a non-blocking command; every <see cref="MaxCommandsInFlight"/> of them, waits until
    /// the device has caught up. Enqueueing is cheaper than running, so a loop that never reads a
    /// result (no Item(), no ToArray()) would otherwise pile up commands, and their memory, without
    /// bound: on POCL, 50 MiB per 2,000 XOR steps. Call with the queue lock held.
    /// </summary>
    private void Enqueued()
    {
        if (++commandsInFlight < MaxCommandsInFlight) return;
        OpenClException.Check(cl.Finish(queue.Handle), "clFinish");
        commandsInFlight = 0;
    }

    /// <summary>A blocking read or write has completed: on an in-order queue, so has everything before it.</summary>
    private void Drained() => commandsInFlight = 0;

    /// <summary>The work-item count rounded up to a multiple of the work-group size.</summary>
    private static int RoundUp(int count, int multiple) => (count + multiple - 1) / multiple * multiple;
}
