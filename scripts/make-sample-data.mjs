#!/usr/bin/env node
// Generates the built-in sample data set (coloured pictures + tutorial_data/unsplash_data/unsplash.csv)
// under a data directory. Usage: npm run build && node scripts/make-sample-data.mjs [dataDir] [--force]
import { ensureSampleData, makeSampleData } from '../dist/src/tools/sample/ensure-sample-data.js';

const args = process.argv.slice(2);
const force = args.includes('--force');
const dataDir = args.find((a) => !a.startsWith('--')) ?? 'data';
const result = force ? await makeSampleData(dataDir) : await ensureSampleData(dataDir);
console.log(result.created ? `wrote ${result.rows} sample photos and ${result.csvPath}` : `${result.csvPath} exists (use --force to regenerate)`);
