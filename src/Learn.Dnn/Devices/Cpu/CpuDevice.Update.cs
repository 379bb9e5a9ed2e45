namespace Learn.Dnn.Devices.Cpu;

/// <summary>
/// The optimizer step on the fast device: the rule's SIMD form when it has one, else the reference
/// loop; a large tensor is cut into one part per core, run on the <see cref="WorkerPool"/> (every
/// element is independent, so the parts need no locks).
/// </summary>
public sealed partial class CpuDevice
{
    /// <summary>Tensors below this many numbers are updated on one thread: a hand-off costs more than the loop.</summary>
    private const int ParallelUpdateLength = 1 << 15;

    [ThreadStatic] private static UpdateJob? updateJob;

    public override void Update(UpdateRule rule, Storage weight, Storage gradient, ReadOnlySpan<Storage> slots, ReadOnlySpan<float> hyper)
    {
        rule.Require(this, weight, gradient, slots, hyper);
        var (w, g, s0, s1, s2) = UpdateArrays(weight, gradient, slots);
        var job = updateJob ??= new UpdateJob();
        job.Set(rule, w, g, s0, s1, s2, hyper, parts: w.Length < ParallelUpdateLength ? 1 : WorkerPool.Shared.Parts);
        if (job.Parts == 1 || !WorkerPool.Shared.TryRun(job))
            for (int part = 0; part < job.Parts; part++) job.RunPart(part);
        job.Clear();   // keep no reference to the step's arrays
    }

    /// <summary>One update cut into <see cref="Parts"/> ranges of whole SIMD vectors (the last takes the rest).</summary>
    private sealed class UpdateJob : IParallelJob
    {
        private UpdateRule rule = null!;
        private float[] w = [], g = [], s0 = [], s1 = [], s2 = [];
        private float[] hyper = [];

        public int Parts { get; private set; }

        public void Set(UpdateRule rule, float[] w, float[] g, float[] s0, float[] s1, float[] s2, ReadOnlySpan<float> hyper, int parts)
        {
            (this.rule, this.w, this.g, this.s0, this.s1, this.s2, Parts) = (rule, w, g, s0, s1, s2, parts);
            if (this.hyper.Length != hyper.Length) this.hyper = new float[hyper.Length];
            hyper.CopyTo(this.hyper);
        }

        public void Clear() => (w, g, s0, s1, s2) = ([], [], [], [], []);

        public void RunPart(int part)
        {
            if (part >= Parts) return;
            int vector = System.Numerics.Vector<float>.Count;
            int share = w.Length / Parts / vector * vector;
            int start = part * share, end = part == Parts - 1 ? w.Length : start + share;
            if (rule.Vectorized is null) { StepRange(rule, w, g, s0, s1, s2, start, end, hyper); return; }
            rule.Vectorized(w.AsSpan(start..end), g.AsSpan(start..end), Slice(s0), Slice(s1), Slice(s2), hyper);
            Span<float> Slice(float[] slot) => slot.Length == 0 ? [] : slot.AsSpan(start..end);
        }
    }
}
