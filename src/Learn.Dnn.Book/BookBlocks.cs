using Markdig.Syntax;

namespace Learn.Dnn.Book;

/// <summary>A paragraph that was an include directive, now a listing from a source file.</summary>
public sealed class ListingBlock(Listing listing) : LeafBlock(null)
{
    public Listing Listing { get; } = listing;
}

/// <summary>A paragraph holding only an image: rendered as a figure with its caption.</summary>
public sealed class FigureBlock(string source, string caption) : LeafBlock(null)
{
    public string Source { get; } = source;
    public string Caption { get; } = caption;
}
