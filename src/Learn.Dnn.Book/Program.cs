using Learn.Dnn.Book;

// Builds the book: dotnet run --project src/Learn.Dnn.Book [-- --out DIR] [--no-run]
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
