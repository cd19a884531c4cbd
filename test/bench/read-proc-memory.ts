// Resident memory of a process from Linux's /proc/<pid>/status: VmHWM is the kernel's own peak RSS
// ("high water mark"), so a short spike between two samples is not missed.
import { readFileSync } from "node:fs";

export interface ProcMemory {
  rssMb: number;
  peakRssMb: number;
}

/** null when the process is gone or /proc is not there (not Linux). */
export function readProcMemory(pid: number): ProcMemory | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  const rss = kb("VmRSS");
  const hwm = kb("VmHWM");
  if (Number.isNaN(rss) || Number.isNaN(hwm)) return null;
  return { rssMb: rss / 1024, peakRssMb: hwm / 1024 };
}
