using Learn.Dnn.Chapters;
using Learn.Dnn.Running;

// dotnet run --project chapters/03-Activations -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(3, args);
Chapter03.Run(run);
run.Finish();
