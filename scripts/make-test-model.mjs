#!/usr/bin/env node
// Writes the colour TEST model (CLIP's file layout and tensor names, meaning only colour; see its
// README) into a directory. Usage: npm run build && node scripts/make-test-model.mjs <dir>
//   [--attention-mask] [--variants fp32,quantized] [--dim N]
// --dim N writes N-wide embeddings (default 32; 512 is CLIP ViT-B/32's width) with the same rankings.
import { writeTestModel } from '../dist/src/tools/test-model/write-test-model.js';
import { isModelVariant } from '../dist/src/ml/inference/model/model-files.js';

const args = process.argv.slice(2);
const USAGE = 'usage: make-test-model <dir> [--attention-mask] [--variants fp32,quantized] [--dim N]';
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--variants' && args[i - 1] !== '--dim');
if (!dir) {
  console.error(USAGE);
  process.exit(2);
}
const dimArg = args.includes('--dim') ? args[args.indexOf('--dim') + 1] : '32';
const dim = /^\d+$/.test(dimArg ?? '') ? Number(dimArg) : NaN;
if (!(dim >= 10)) {
  console.error(`--dim must be an integer ≥ 10, got ${dimArg}\n${USAGE}`);
  process.exit(2);
}
const variantsArg = args[args.indexOf('--variants') + 1];
const variants = args.includes('--variants') ? variantsArg.split(',') : ['fp32'];
const bad = variants.filter((v) => !isModelVariant(v));
if (bad.length > 0) {
  console.error(`unknown variant(s): ${bad.join(', ')}`);
  process.exit(2);
}
const files = await writeTestModel(dir, { attentionMask: args.includes('--attention-mask'), variants, dim });
console.log(`wrote ${dim}-d TEST model (not CLIP) to ${dir}: ${files.join(', ')}`);
