using Learn.Dnn.Devices.OpenCL.Native;

namespace Learn.Dnn.Devices.OpenCL;

/// <summary>One kernel argument: a device buffer or a scalar (int, float, ulong), set by clSetKernelArg.</summary>
internal readonly struct KernelArg
{
    private readonly OpenClStorage? storage;
    private readonly ulong bits;
    private readonly int size;

    private KernelArg(OpenClStorage? storage, ulong bits, int size) => (this.storage, this.bits, this.size) = (storage, bits, size);

    public static implicit operator KernelArg(OpenClStorage s) => new(s, 0, 0);
    public static implicit operator KernelArg(int v) => new(null, (uint)v, sizeof(int));
    public static implicit operator KernelArg(bool v) => new(null, v ? 1u : 0u, sizeof(int));
    public static implicit operator KernelArg(float v) => new(null, BitConverter.SingleToUInt32Bits(v), sizeof(float));
    public static implicit operator KernelArg(ulong v) => new(null, v, sizeof(ulong));

    /// <summary>clSetKernelArg: copies the argument's bytes into the kernel's slot <paramref name="index"/>.</summary>
    public unsafe void Set(ClKernel kernel, uint index)
    {
        var cl = OpenClLibrary.Api;
        int error;
        if (storage is not null)
        {
            nint mem = storage.Buffer.Handle;   // a cl_mem argument is passed as a pointer to the handle
            error = cl.SetKernelArg(kernel.Handle, index, (nuint)sizeof(nint), &mem);
        }
        else
        {
            ulong value = bits;                 // little-endian: the low 4 bytes are the int or float
            error = cl.SetKernelArg(kernel.Handle, index, (nuint)size, &value);
        }
        if (error != 0) throw new OpenClException("clSetKernelArg", error, $"argument {index}");
    }
}
