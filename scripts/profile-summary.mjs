#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time,
// and with --total the most inclusive time, as a share of the samples that were not idle.
// Usage: node scripts/profile-summary.mjs FILE.cpuprofile [--top=30] [--total]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv.find((a) => a.startsWith('--top='))?.split('=')[1] ?? '30');
const inclusive = process.argv.includes('--total');
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = (n) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const time = new Map();
let busy = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  if (byId.get(id).callFrame.functionName === '(idle)') return;
  busy += dt;
  const seen = new Set();
  for (let at = id; at !== undefined; at = inclusive ? parent.get(at) : undefined) {
    const key = label(byId.get(at));
    if (!seen.has(key)) time.set(key, (time.get(key) ?? 0) + dt);
    seen.add(key);
  }
});
console.log(`${file}: ${(busy / 1e6).toFixed(2)} s busy; ${inclusive ? 'inclusive' : 'self'} time:`);
for (const [key, us] of [...time].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${key}`);
}
