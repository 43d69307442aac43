/**
 * preprocessor_config.json (CLIPImageProcessor) → the few numbers `preprocess` needs. Accepts both the
 * current layout (`size: {shortest_edge}`, `crop_size: {height, width}`) and the older one (numbers).
 */
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';

/** PIL resample codes → sharp kernels (PIL's BICUBIC, a = −0.5, is sharp's Catmull-Rom `cubic`). */
const RESAMPLE_KERNELS = { 0: 'nearest', 1: 'lanczos3', 2: 'linear', 3: 'cubic', 4: 'cubic', 5: 'cubic' } as const;
export type ResizeKernel = (typeof RESAMPLE_KERNELS)[keyof typeof RESAMPLE_KERNELS];

export interface PreprocessConfig {
  /** Resize so the shorter side is this long (0 = no resize). */
  readonly shortestEdge: number;
  /** Centre-crop size (the model's input size). */
  readonly cropHeight: number;
  readonly cropWidth: number;
  readonly kernel: ResizeKernel;
  /** Multiplied into 0–255 values before normalising (1/255). */
  readonly rescaleFactor: number;
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
}

/** OpenAI CLIP's values, also what every CLIP ViT-B/32 export ships. */
export const CLIP_PREPROCESS: PreprocessConfig = {
  shortestEdge: 224,
  cropHeight: 224,
  cropWidth: 224,
  kernel: 'cubic',
  rescaleFactor: 1 / 255,
  mean: [0.48145466, 0.4578275, 0.40821073],
  std: [0.26862954, 0.26130258, 0.27577711],
};

/** The preprocessor_config.json document matching `CLIP_PREPROCESS` (as Hugging Face writes it). */
export function clipPreprocessorJson(): Record<string, unknown> {
  return {
    crop_size: { height: CLIP_PREPROCESS.cropHeight, width: CLIP_PREPROCESS.cropWidth },
    do_center_crop: true,
    do_convert_rgb: true,
    do_normalize: true,
    do_rescale: true,
    do_resize: true,
    image_mean: [...CLIP_PREPROCESS.mean],
    image_processor_type: 'CLIPImageProcessor',
    image_std: [...CLIP_PREPROCESS.std],
    resample: 3,
    rescale_factor: CLIP_PREPROCESS.rescaleFactor,
    size: { shortest_edge: CLIP_PREPROCESS.shortestEdge },
  };
}

/**
 * Parses a preprocessor_config.json object; missing keys take CLIP's values. The centre crop is always
 * applied (`do_center_crop: false` is ignored): the vision graph needs a fixed input size.
 */
export function parsePreprocessConfig(json: Record<string, unknown>, source = 'preprocessor_config.json'): PreprocessConfig {
  const bad = (what: string) => new SqlError(SQLSTATE.InvalidParameterValue, `${source}: invalid ${what}`);
  const size = json['size'];
  let shortestEdge =
    typeof size === 'number' ? size
    : typeof size === 'object' && size !== null ? Number((size as Record<string, unknown>)['shortest_edge'])
    : CLIP_PREPROCESS.shortestEdge;
  if (json['do_resize'] === false) shortestEdge = 0;
  const crop = json['crop_size'] ?? CLIP_PREPROCESS.cropHeight;
  const cropHeight = typeof crop === 'number' ? crop : Number((crop as Record<string, unknown>)['height']);
  const cropWidth = typeof crop === 'number' ? crop : Number((crop as Record<string, unknown>)['width']);
  for (const [name, v] of [['size', shortestEdge], ['crop_size', cropHeight], ['crop_size', cropWidth]] as const) {
    if (!Number.isInteger(v) || v < 0) throw bad(name);
  }
  const normalize = json['do_normalize'] !== false;
  const triple = (key: string, fallback: readonly [number, number, number]): [number, number, number] => {
    const v = json[key] ?? fallback;
    if (!Array.isArray(v) || v.length !== 3 || v.some((x) => typeof x !== 'number')) throw bad(key);
    return [v[0], v[1], v[2]];
  };
  const resample = Number(json['resample'] ?? 3) as keyof typeof RESAMPLE_KERNELS;
  const rescale = json['do_rescale'] === false ? 1 : Number(json['rescale_factor'] ?? CLIP_PREPROCESS.rescaleFactor);
  if (!Number.isFinite(rescale)) throw bad('rescale_factor');
  return {
    shortestEdge,
    cropHeight,
    cropWidth,
    kernel: RESAMPLE_KERNELS[resample] ?? 'cubic',
    rescaleFactor: rescale,
    mean: normalize ? triple('image_mean', CLIP_PREPROCESS.mean) : [0, 0, 0],
    std: normalize ? triple('image_std', CLIP_PREPROCESS.std) : [1, 1, 1],
  };
}
