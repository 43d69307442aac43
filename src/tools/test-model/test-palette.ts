/**
 * The meaning of the TEST model, fixed by construction: nine colour prototypes, the words that name
 * each one, and a few neutral words. Image embeddings point at the prototype nearest the image's mean
 * colour; text embeddings point at the colours their words name. Nothing here is learnt.
 */

export interface TestColour {
  readonly name: string;
  /** The prototype's mean colour, sRGB in [0, 1]. */
  readonly rgb: readonly [number, number, number];
  /** Words that name this colour in the test vocabulary (the first is the colour's own name). */
  readonly words: readonly string[];
}

export const TEST_COLOURS: readonly TestColour[] = [
  { name: 'black', rgb: [0.03, 0.03, 0.03], words: ['black', 'dark', 'night', 'shadow', 'midnight'] },
  { name: 'white', rgb: [0.96, 0.96, 0.96], words: ['white', 'snow', 'bright', 'pale'] },
  { name: 'gray', rgb: [0.5, 0.5, 0.5], words: ['gray', 'grey', 'silver', 'fog', 'concrete'] },
  { name: 'red', rgb: [0.85, 0.08, 0.08], words: ['red', 'crimson', 'scarlet', 'cherry'] },
  { name: 'green', rgb: [0.12, 0.62, 0.16], words: ['green', 'grass', 'forest', 'leaf', 'leaves'] },
  { name: 'blue', rgb: [0.1, 0.25, 0.85], words: ['blue', 'sky', 'ocean', 'sea', 'navy'] },
  { name: 'yellow', rgb: [0.95, 0.85, 0.1], words: ['yellow', 'lemon', 'sunflower', 'golden'] },
  { name: 'orange', rgb: [0.95, 0.5, 0.05], words: ['orange', 'sunset', 'pumpkin', 'amber'] },
  { name: 'purple', rgb: [0.5, 0.12, 0.6], words: ['purple', 'violet', 'lavender', 'plum'] },
];

/** Words the tokenizer knows as whole tokens that carry no colour (they share one neutral direction). */
export const NEUTRAL_WORDS: readonly string[] = [
  'a', 'an', 'the', 'of', 'with', 'and', 'in', 'on', 'at', 'photo', 'picture', 'image', 'close', 'up',
  'cat', 'dog', 'car', 'flower', 'flowers', 'house', 'tree', 'bird', 'street', 'road', 'mountain',
  'wall', 'field', 'door', 'boat', 'fruit', 'abstract', 'pattern', 'shapes', 'circle', 'square',
  'stripes', 'texture', 'landscape', 'light', 'room', 'city', 'beach', 'sand', 'water',
];

/** Embedding width of the test model (recorded as projection_dim in its config.json). */
export const TEST_EMBED_DIM = 32;

/** Index of the neutral direction: the one after the colour directions. */
export const NEUTRAL_AXIS = TEST_COLOURS.length;

/** Softmax sharpness over squared distances (in normalised pixel space) to the prototypes. */
export const TEST_TEMPERATURE = 1;

/**
 * Output scales. Real Xenova exports return unnormalised embeddings; the test model does too, so the
 * callers' L2 normalisation is exercised.
 */
export const IMAGE_SCALE = 4;
export const COLOUR_WORD_SCALE = 3;
export const NEUTRAL_WORD_SCALE = 0.5;
