/**
 * A work budget for matching untrusted text that does not depend on how busy the machine is:
 * `work(input)` is timed against one linear pass over the same input (a checksum of its character
 * codes), each the best of a few rounds, back to back, so load slows both alike. A linear matcher
 * stays within a few hundred times that pass; a quadratic one over a 64 KiB line is tens of
 * thousands of times slower. The budget leaves room for a loaded machine (a time slice lost in
 * every round of the work but none of the pass measured 1,400 on two cores at load 30) and still
 * keeps any 64 KiB input inside a second: the pass takes well under a millisecond.
 */
export const LINEAR_BUDGET = 5000;

function linearPass(input: string): number {
  let sum = 0;
  for (let index = 0; index < input.length; index += 1)
    sum = (sum * 31 + input.charCodeAt(index)) | 0;
  return sum;
}

function bestOf(rounds: number, run: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export function costOverLinearPass(
  work: (input: string) => unknown,
  input: string,
  rounds = 5,
): number {
  let sink = 0;
  const pass = bestOf(rounds + 2, () => (sink ^= linearPass(input)));
  const cost = bestOf(rounds, () => work(input));
  // Guards against a pass too quick for the timer (tiny inputs).
  return sink === 0.5 ? 0 : cost / Math.max(pass, 0.01);
}

/** `text` repeated to exactly `length` characters. */
export function repeatTo(text: string, length: number): string {
  return text.repeat(Math.ceil(length / Math.max(text.length, 1))).slice(0, length);
}
