namespace Learn.Dnn.Devices.Reference;

/// <summary>The reference device's optimizer step: one loop that runs the rule's C# step on every element.</summary>
public partial class ReferenceDevice
{
    public virtual void Update(UpdateRule rule, Storage weight, Storage gradient, ReadOnlySpan<Storage> slots, ReadOnlySpan<float> hyper)
    {
        rule.Require(this, weight, gradient, slots, hyper);
        var (w, g, s0, s1, s2) = UpdateArrays(weight, gradient, slots);
        StepRange(rule, w, g, s0, s1, s2, 0, w.Length, hyper);
    }

    /// <summary>The arrays behind an update's storages; an unused slot is an empty array.</summary>
    protected (float[] W, float[] G, float[] S0, float[] S1, float[] S2) UpdateArrays(Storage weight, Storage gradient, ReadOnlySpan<Storage> slots) =>
        (Data(weight), Data(gradient),
         slots.Length > 0 ? Data(slots[0]) : [], slots.Length > 1 ? Data(slots[1]) : [], slots.Length > 2 ? Data(slots[2]) : []);

    /// <summary>The rule's step on elements [start, end): the definition of <see cref="IDevice.Update"/>.</summary>
    protected static void StepRange(UpdateRule rule, float[] w, float[] g, float[] s0, float[] s1, float[] s2,
                                    int start, int end, ReadOnlySpan<float> hyper)
    {
        float unused = 0f;   // what an unused slot's step reads and writes
        for (int i = start; i < end; i++)
            rule.Step(ref w[i], g[i],
                      ref s0.Length > 0 ? ref s0[i] : ref unused,
                      ref s1.Length > 0 ? ref s1[i] : ref unused,
                      ref s2.Length > 0 ? ref s2[i] : ref unused, hyper);
    }
}
