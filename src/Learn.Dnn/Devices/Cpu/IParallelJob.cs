namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// A job cut into <see cref="WorkerPool.Parts"/> independent parts, each run once, on whichever thread
/// of the <see cref="WorkerPool"/> claims it.
/// </summary>
internal interface IParallelJob
{
    void RunPart(int part);
}
