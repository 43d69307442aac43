/**
 * Draws one sample picture as raw RGB: a shaded, noisy background in the photo's colour with a few
 * shapes in lighter and darker tones of it, and one small accent. The mean colour stays close to the
 * photo's colour (that is what the TEST model reads); the texture keeps it from being a flat fill.
 */
import type { SamplePhoto } from './sample-catalogue.js';
import type { SeededRandom } from './seeded-random.js';

export interface RawImage {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

const SIZES: readonly (readonly [number, number])[] = [[320, 240], [240, 320], [288, 288], [360, 240]];
const NOISE = 14; // ± levels of per-pixel noise
const ACCENT_FRACTION = 0.06; // accent radius as a share of the shorter side
const SHAPE_LIFT = 48; // levels added per unit of tone, so shapes show on near-black too

export function renderSampleImage(photo: SamplePhoto, rng: SeededRandom): RawImage {
  const [width, height] = rng.pick(SIZES);
  const data = Buffer.alloc(width * height * 3);
  const [r, g, b] = photo.rgb;
  const shapes = Array.from({ length: rng.int(3, 6) }, () => ({
    kind: rng.pick(['circle', 'rect', 'stripes'] as const),
    cx: rng.next() * width,
    cy: rng.next() * height,
    size: (0.1 + rng.next() * 0.25) * Math.min(width, height),
    tone: 0.75 + rng.next() * 0.5,
  }));
  const accent = { cx: rng.next() * width, cy: rng.next() * height, rgb: [255 - r, 255 - g, 255 - b] };
  const accentRadius = ACCENT_FRACTION * Math.min(width, height);
  for (let y = 0; y < height; y++) {
    const shade = 0.92 + 0.16 * (y / height); // a soft vertical gradient
    for (let x = 0; x < width; x++) {
      let tone = shade;
      for (const s of shapes) {
        const dx = x - s.cx;
        const dy = y - s.cy;
        const inside =
          s.kind === 'circle' ? dx * dx + dy * dy < s.size * s.size
          : s.kind === 'rect' ? Math.abs(dx) < s.size && Math.abs(dy) < s.size * 0.6
          : Math.abs(dy) < s.size && Math.floor((x + y) / 12) % 2 === 0;
        if (inside) tone = s.tone;
      }
      const inAccent = (x - accent.cx) ** 2 + (y - accent.cy) ** 2 < accentRadius ** 2;
      const lift = (tone - 1) * SHAPE_LIFT;
      const base = inAccent ? accent.rgb : [r * tone + lift, g * tone + lift, b * tone + lift];
      const o = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        // Dark and light colours still get visible texture: the offset noise is not scaled by the colour.
        data[o + c] = Math.max(0, Math.min(255, Math.round(base[c]! + (rng.next() - 0.5) * 2 * NOISE)));
      }
    }
  }
  return { data, width, height };
}
