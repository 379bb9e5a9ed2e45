namespace Learn.Dnn.Devices;

/// <summary>
/// Who owns a tensor's memory (chapter 10). A training step creates dozens of intermediate tensors
/// (activations, gradients, masks) and drops them all when it ends; allocating fresh memory for
/// each one every step keeps the garbage collector busy. A scope makes the ownership explicit:
/// <code>
/// using (StorageScope.Begin())          // every storage allocated in here belongs to the scope
/// {
///     var loss = model.Loss(x, y);      // intermediates: owned by the scope
///     loss.Backward();
///     optimizer.Apply(weights);         // weights and optimizer slots were made outside: not owned
///     keep = scope.Keep(prediction);    // this one outlives the scope
/// }                                     // the rest go back to their device's pool, for the next step
/// </code>
/// A released storage can never be read again: a tensor that still points to one throws a message
/// that says so, so nobody is ever handed memory that is being reused. Without a scope nothing is
/// released and the garbage collector frees memory as before; Fit, Evaluate and Predict open one per
/// batch. Scopes nest: <see cref="Keep"/> hands a storage to the enclosing scope, if any.
/// </summary>
[Chapter(10)]
public sealed class StorageScope : IDisposable
{
    [ThreadStatic] private static StorageScope? current;
    private readonly StorageScope? parent;
    private readonly List<Storage> owned = [];
    private readonly bool suspended;
    private bool disposed;

    private StorageScope(StorageScope? parent, bool suspended)
    {
        this.parent = parent;
        this.suspended = suspended;
    }

    /// <summary>Opens a scope on this thread: storages allocated until it is disposed belong to it.</summary>
    public static StorageScope Begin() => current = new StorageScope(current, suspended: false);

    /// <summary>
    /// Opens a gap in the enclosing scopes: storages allocated inside it belong to nobody, and live
    /// as long as the program holds them. Layers create their weights and optimizers their slots
    /// in one, even when the first call happens inside a training step.
    /// </summary>
    public static StorageScope Suspend() => current = new StorageScope(current, suspended: true);

    #region ownership
    /// <summary>Gives <paramref name="storage"/> to the innermost open scope (nothing happens outside a scope).</summary>
    public static void Adopt(Storage storage)
    {
        var scope = current;
        if (scope is null || scope.suspended || storage.Owner is not null) return;
        storage.Owner = scope;
        scope.owned.Add(storage);
    }

    /// <summary>Keeps a storage alive past this scope: it moves to the enclosing scope, or to nobody.</summary>
    public void Keep(Storage storage)
    {
        if (!ReferenceEquals(storage.Owner, this)) return;
        storage.Owner = null;
        if (parent is { suspended: false }) { storage.Owner = parent; parent.owned.Add(storage); }
    }

    /// <summary>Releases every storage this scope still owns back to its device, and closes the scope.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (!ReferenceEquals(current, this))
            throw new InvalidOperationException("StorageScope: scopes must end in the reverse order they began (dispose the innermost first).");
        current = parent;
        foreach (var storage in owned)
            if (ReferenceEquals(storage.Owner, this)) storage.Dispose();   // kept ones have another owner now
        owned.Clear();
    }
    #endregion
}
