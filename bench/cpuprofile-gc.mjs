// Main-thread garbage collection in a CPU profile saved by the bench: total ms, the number of runs of
// consecutive GC samples, and the longest run. Usage: node bench/cpuprofile-gc.mjs file.cpuprofile
import { readFileSync } from 'node:fs';

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const gc = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(garbage collector)').map((n) => n.id));
let total = 0;
let runs = 0;
let run = 0;
let longest = 0;
let busy = 0;
const idle = new Set(profile.nodes.filter((n) => ['(idle)', '(program)'].includes(n.callFrame.functionName)).map((n) => n.id));
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  if (!idle.has(profile.samples[i])) busy += dt;
  if (gc.has(profile.samples[i])) {
    if (run === 0) runs++;
    run += dt;
    total += dt;
    longest = Math.max(longest, run);
  } else run = 0;
}
const span = (profile.endTime - profile.startTime) / 1000;
console.log(JSON.stringify({ span_ms: Math.round(span), busy_ms: Math.round(busy), gc_ms: Math.round(total * 10) / 10, gc_runs: runs, gc_longest_ms: Math.round(longest * 10) / 10 }));
