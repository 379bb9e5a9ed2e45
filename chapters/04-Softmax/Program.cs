using Learn.Dnn.Chapters;
using Learn.Dnn.Running;

// dotnet run --project chapters/04-Softmax -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(4, args);
Chapter04.Run(run);
run.Finish();
