using Learn.Dnn.Chapters;
using Learn.Dnn.Running;

// dotnet run --project chapters/01-Perceptron -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(1, args);
Chapter01.Run(run);
run.Finish();
