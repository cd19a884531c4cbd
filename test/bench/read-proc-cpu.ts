// CPU time a process has used, all its threads together, from Linux's /proc/<pid>/stat (utime + stime). A
// figure per webhook from it travels between machines better than a ratio to a baseline: the baseline is bound by
// the load generator, which shares the machine, and its rate changes from minute to minute.
import { readFileSync } from "node:fs";

/**
 * proc(5) counts utime and stime in clock ticks (sysconf(_SC_CLK_TCK)), which the kernel reports as USER_HZ: 100
 * on every architecture Linux runs Node on.
 */
const TICKS_PER_SECOND = 100;

/** Milliseconds of CPU used so far; null when the process is gone or /proc is not there (not Linux). */
export function readProcCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself: count fields after
  // its last ')'. State is field 3, utime field 14, stime field 15.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}
