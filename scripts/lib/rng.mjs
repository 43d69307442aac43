// A small seeded PRNG (mulberry32) and helpers, so a stress run can be replayed from its seed.

/** @returns {() => number} uniform in [0, 1) */
export function makeRng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one generator: int(n) in [0, n), pick(list), chance(p), bytes(n). */
export function rngTools(rand) {
  const int = (n) => Math.floor(rand() * n);
  return {
    rand,
    int,
    pick: (list) => list[int(list.length)],
    chance: (p) => rand() < p,
    bytes: (n) => {
      const b = Buffer.allocUnsafe(n);
      for (let i = 0; i < n; i++) b[i] = int(256);
      return b;
    },
  };
}
