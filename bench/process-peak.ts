import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/**
 * Runs a program, sampling the memory of its whole process tree (Linux /proc). Processes share
 * pages (libraries, shared memory between Chromium's processes), so summing their resident
 * sets would count those many times: each process's proportional set size (PSS) is summed.
 */
export interface ProcessRun {
  wallMs: number;
  /** Peak of the summed proportional set sizes. */
  peakPssMb: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

export function childrenOf(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(entry));
      children.set(parent, list);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return children;
}

/** The proportional set size of one process, in MiB (0 once it is gone). */
export function pssMb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

function treePssMb(root: number): number {
  const children = childrenOf();
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() ?? 0;
    total += pssMb(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

export function runMeasured(
  command: string,
  args: readonly string[],
  timeoutMs = 15 * 60_000,
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const sampler = setInterval(() => {
      if (child.pid !== undefined) peak = Math.max(peak, treePssMb(child.pid));
    }, 100);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearInterval(sampler);
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(sampler);
      clearTimeout(timer);
      resolve({ wallMs: performance.now() - started, peakPssMb: peak, stdout, stderr, code });
    });
  });
}
