using Learn.Dnn.Book;

// Builds the book: dotnet run --project src/Learn.Dnn.Book [-- --out DIR] [--no-run]
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(BookOptions.Usage);
    Console.WriteLine("  --out DIR   write the site to DIR (default book/_site)");
    Console.WriteLine("  --no-run    do not run chapter programs to draw missing figures; a missing figure fails the build");
    Console.WriteLine("  --root DIR  build the book of another checkout (default: the one around the working directory)");
    return 0;
}

BookOptions options;
try
{
    options = BookOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var result = new BookBuilder(options).Build();
if (result.Errors.Any)
{
    Console.Error.WriteLine($"The book did not build: {result.Errors.Messages.Count} problem(s).");
    foreach (var message in result.Errors.Messages) Console.Error.WriteLine("  " + message);
    return 1;
}
Console.WriteLine($"Built {result.Pages.Count} page(s) into {options.OutputDirectory}");
return 0;
