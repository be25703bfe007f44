#!/usr/bin/env python3
"""Summarise a dotnet-trace speedscope file (dotnet-sampled-thread-time, converted with
`dotnet-trace convert --format speedscope`): the hottest frames by inclusive and by self time over all threads,
counting on-CPU time only: stacks whose leaf is the profiler's CPU_TIME marker (managed code running), not
UNMANAGED_CODE_TIME (native code: waits, syscalls, SQLite, OpenSSL) unless --native, and never stacks that hold a
wait, sleep, epoll or thread-pool idle frame. Self time goes to the frame under the marker.

    python3 load-tests/tools/speedscope-summary.py TRACE.speedscope.json [--top 30] [--match TEXT]
"""
import argparse
import collections
import json

WAITING = ("WaitHandle", "Monitor.Wait", "SemaphoreSlim.Wait", "LowLevelLifoSemaphore", "Thread.Sleep",
           "WaitOneNative", "epoll_wait", "PortableThreadPool+GateThread", "WaitForSignal", "LowLevelMonitor",
           "ManualResetEventSlim.Wait", "Thread.Join", "Task.SpinThenBlockingWait", "SocketAsyncEngine.EventLoop",
           "TimerQueue.TimerThread", "WaitSubsystem", "FinalizerThread", "Interop+Sys.WaitForSocketEvents")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--match", default=None, help="only frames whose name contains this text")
    parser.add_argument("--native", action="store_true", help="also count UNMANAGED_CODE_TIME (native) time")
    args = parser.parse_args()
    data = json.load(open(args.file))
    names = [f["name"] for f in data["shared"]["frames"]]
    inclusive = collections.Counter()
    self_time = collections.Counter()
    busy = 0.0
    for profile in data["profiles"]:
        stack = []
        last = None
        for event in profile.get("events", []):
            at = event["at"]
            if last is not None and stack and at > last:
                span = at - last
                frames = [names[i] for i in stack]
                leaf_ok = frames[-1] == "CPU_TIME" or (args.native and frames[-1] == "UNMANAGED_CODE_TIME")
                if leaf_ok and len(frames) > 1 and not any(w in f for f in frames for w in WAITING):
                    busy += span
                    self_time[frames[-2]] += span
                    for f in set(frames[:-1]):
                        inclusive[f] += span
            last = at
            if event["type"] == "O":
                stack.append(event["frame"])
            elif stack:
                stack.pop()
    print(f"on-CPU thread time: {busy:.0f} {data['profiles'][0].get('unit', '')}")
    for title, counter in (("inclusive", inclusive), ("self", self_time)):
        print(f"\n-- top {args.top} frames by {title} time (% of busy) --")
        shown = 0
        for name, value in counter.most_common():
            if args.match and args.match not in name:
                continue
            print(f"{100 * value / busy:6.1f}%  {name[:150]}")
            shown += 1
            if shown >= args.top:
                break


if __name__ == "__main__":
    main()
