// CPU time per thread of this process, from /proc/self/task/*/stat (Linux), for the CONVERT
// benchmarks: a run's CPU split into the model's (the busiest `modelThreads` threads — the CLIP
// workers' or raw ORT's, each running ONNX Runtime with one intra-op thread on its own thread)
// and everything outside the model (decode threads, libuv's pool where sharp decodes, libvips'
// threads, the main and engine threads, V8's GC helpers).
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

/** tid → CPU ms so far (user + system); empty where /proc is not there. */
export function threadCpu() {
  const out = new Map();
  let tids = [];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S); // utime, stime
    } catch {
      // the thread ended between readdir and read
    }
  }
  return out;
}

/** Per-thread CPU ms between two `threadCpu()` snapshots, busiest first. */
export function threadDeltas(before, after) {
  return [...after].map(([tid, ms]) => ({ tid, ms: ms - (before.get(tid) ?? 0) })).filter((x) => x.ms > 0).sort((a, b) => b.ms - a.ms);
}

/** A snapshot for `modelSplit`: every thread's CPU, and the process's (which keeps the CPU of threads that have exited). */
export function cpuSnapshot() {
  const { user, system } = process.cpuUsage();
  return { threads: threadCpu(), processMs: (user + system) / 1000 };
}

/**
 * CPU ms per image between two `cpuSnapshot()`s: the `modelThreads` busiest threads (the model)
 * and the rest of the process's CPU. The rest comes from the process's total, not from summing
 * threads: libvips starts and ends worker threads during a CONVERT, and a thread that has exited
 * is no longer in /proc/self/task.
 */
export function modelSplit(before, after, modelThreads, images) {
  const model = threadDeltas(before.threads, after.threads).slice(0, modelThreads).reduce((s, x) => s + x.ms, 0);
  return { modelMs: model / images, outsideMs: (after.processMs - before.processMs - model) / images };
}
