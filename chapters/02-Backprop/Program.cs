using Learn.Dnn.Chapters;
using Learn.Dnn.Running;

// dotnet run --project chapters/02-Backprop -- [--quick] [--out DIR] [--device cpu|opencl] [--seed N]
var run = ChapterRun.From(2, args);
Chapter02.Run(run);
run.Finish();
