#!/usr/bin/env node
// Writes the colour TEST model (CLIP's file layout and tensor names, meaning only colour; see its
// README) into a directory. Usage: npm run build && node scripts/make-test-model.mjs <dir>
//   [--attention-mask] [--variants fp32,quantized]
import { writeTestModel } from '../dist/src/ml/test-model/write-test-model.js';
import { isModelVariant } from '../dist/src/ml/model-files.js';

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--variants');
if (!dir) {
  console.error('usage: make-test-model <dir> [--attention-mask] [--variants fp32,quantized]');
  process.exit(2);
}
const variantsArg = args[args.indexOf('--variants') + 1];
const variants = args.includes('--variants') ? variantsArg.split(',') : ['fp32'];
const bad = variants.filter((v) => !isModelVariant(v));
if (bad.length > 0) {
  console.error(`unknown variant(s): ${bad.join(', ')}`);
  process.exit(2);
}
const files = await writeTestModel(dir, { attentionMask: args.includes('--attention-mask'), variants });
console.log(`wrote TEST model (not CLIP) to ${dir}: ${files.join(', ')}`);
