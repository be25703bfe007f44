using BenchmarkDotNet.Running;

// dotnet Gateway.Benchmarks.dll --filter '*' --join                      full run (see load-tests/micro.sh)
// dotnet Gateway.Benchmarks.dll --filter '*' --join --job dry --inProcess   CI smoke: each benchmark once
// Exits 1 when a benchmark failed to run (a setup that threw, a validation error), so CI notices.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Gateway.Benchmarks.BenchmarkData).Assembly).Run(args);
var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
return failed ? 1 : 0;
