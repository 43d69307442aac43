/**
 * The built-in sample's rows: per photo an Unsplash-like id, a dominant colour, a subject and the two
 * descriptions (human and "AI"), all drawn from a seeded PRNG. Colours and words come from the TEST
 * model's palette, so the test model and real CLIP both find "a red car" among the red pictures.
 */
import { TEST_COLOURS, type TestColour } from '../test-model/test-palette.js';
import type { SeededRandom } from './seeded-random.js';

export interface SamplePhoto {
  readonly photoId: string;
  readonly colour: TestColour;
  /** The picture's base colour, sRGB 0–255 (the palette prototype, jittered). */
  readonly rgb: readonly [number, number, number];
  readonly subject: string;
  readonly photoDescription: string;
  readonly aiDescription: string;
  readonly format: 'jpg' | 'png';
}

const SUBJECTS: readonly { readonly noun: string; readonly place: string }[] = [
  { noun: 'car', place: 'parked on a street' },
  { noun: 'cat', place: 'sitting by a wall' },
  { noun: 'dog', place: 'on a field' },
  { noun: 'flower', place: 'in a garden' },
  { noun: 'house', place: 'with a door' },
  { noun: 'bird', place: 'on a tree' },
  { noun: 'boat', place: 'on the water' },
  { noun: 'fruit', place: 'on a table' },
  { noun: 'pattern', place: 'of circles and shapes' },
  { noun: 'wall', place: 'in the city' },
];

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ID_LENGTH = 11; // Unsplash photo ids are 11 characters

const clampByte = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

/** `count` photos cycling through the palette's colours, each with a random subject. */
export function sampleCatalogue(count: number, rng: SeededRandom): SamplePhoto[] {
  const photos: SamplePhoto[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < count; i++) {
    const colour = TEST_COLOURS[i % TEST_COLOURS.length]!;
    const { noun, place } = rng.pick(SUBJECTS);
    let photoId: string;
    do photoId = Array.from({ length: ID_LENGTH }, () => rng.pick([...ID_ALPHABET])).join('');
    while (ids.has(photoId));
    ids.add(photoId);
    const jitter = () => (rng.next() - 0.5) * 30;
    const rgb = colour.rgb.map((v) => clampByte(v * 255 + jitter())) as unknown as [number, number, number];
    const word = rng.pick(colour.words);
    photos.push({
      photoId,
      colour,
      rgb,
      subject: noun,
      photoDescription: `A ${colour.name} ${noun} ${place}`,
      aiDescription: `a ${word} ${noun} ${place}`,
      format: i % 5 === 4 ? 'png' : 'jpg',
    });
  }
  return photos;
}
