#!/usr/bin/env node
// Writes the BENCHMARK model (CLIP ViT-B/32's graphs and FLOPs, random weights, never used for answers;
// see its README) into a directory. Usage: npm run build && node scripts/make-bench-model.mjs <dir>
//   [--variants fp32,quantized]
import { writeBenchModel } from '../dist/src/tools/bench-model/write-bench-model.js';
import { isModelVariant } from '../dist/src/ml/inference/model/model-files.js';

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--variants');
if (!dir) {
  console.error('usage: make-bench-model <dir> [--variants fp32,quantized]');
  process.exit(2);
}
const variants = args.includes('--variants') ? args[args.indexOf('--variants') + 1].split(',') : ['fp32'];
const bad = variants.filter((v) => !isModelVariant(v));
if (bad.length > 0) {
  console.error(`unknown variant(s): ${bad.join(', ')}`);
  process.exit(2);
}
const started = Date.now();
const files = await writeBenchModel(dir, { variants });
console.log(`wrote the ViT-B/32-shaped BENCHMARK model (random weights, not CLIP) to ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${files.join(', ')}`);
