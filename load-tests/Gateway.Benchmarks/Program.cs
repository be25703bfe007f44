using BenchmarkDotNet.Running;

// dotnet Gateway.Benchmarks.dll --filter '*' --join                      full run (see load-tests/micro.sh)
// dotnet Gateway.Benchmarks.dll --filter '*' --join --job dry --inProcess   CI smoke: each benchmark once
// Exits 1 when no benchmark ran (bad arguments, an empty filter) or one failed to run (a setup that threw, a
// validation error), so CI notices.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Gateway.Benchmarks.BenchmarkData).Assembly).Run(args).ToArray();
var failed = summaries.Length == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
