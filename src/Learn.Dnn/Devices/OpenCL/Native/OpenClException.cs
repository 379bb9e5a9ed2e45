using System.Reflection;
using Silk.NET.Core.Attributes;
using Silk.NET.OpenCL;

namespace Learn.Dnn.Devices.OpenCL.Native;

/// <summary>
/// An OpenCL call failed. The message names the call and the error (CL_OUT_OF_RESOURCES, ...);
/// a failed program build carries the compiler's build log.
/// </summary>
[Chapter(11)]
public sealed class OpenClException(string call, int errorCode, string? detail = null)
    : Exception($"OpenCL: {call} failed with {ErrorName(errorCode)} ({errorCode})" + (detail is null ? "." : ":\n" + detail))
{
    /// <summary>The API function that failed, e.g. "clCreateBuffer".</summary>
    public string Call { get; } = call;

    /// <summary>The error code it returned.</summary>
    public int ErrorCode { get; } = errorCode;

    /// <summary>Throws unless <paramref name="errorCode"/> is CL_SUCCESS (0).</summary>
    public static void Check(int errorCode, string call)
    {
        if (errorCode != 0) throw new OpenClException(call, errorCode);
    }

    /// <summary>
    /// The name of an error code as cl.h spells it. Silk.NET's <see cref="ErrorCodes"/> enum lists them
    /// (-5 is OutOfResources) and keeps cl.h's own name beside each (CL_OUT_OF_RESOURCES).
    /// </summary>
    public static string ErrorName(int code)
    {
        string? member = Enum.GetName((ErrorCodes)code);
        if (member is null) return "an unknown OpenCL error";
        return typeof(ErrorCodes).GetField(member)?.GetCustomAttribute<NativeNameAttribute>()?.Name ?? member;
    }
}
