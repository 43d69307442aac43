/**
 * Public surface of tools/: what is not on the query path — the built-in sample data, the TEST
 * model generator and the Unsplash fetcher (`unsplash/index.ts`), for the server's first start,
 * scripts/ and tests.
 */
export {
  DEFAULT_SAMPLE_COUNT, SAMPLE_COLUMNS, SAMPLE_CSV, SAMPLE_DIR, ensureSampleData, makeSampleData,
  type SampleDataResult,
} from './sample/ensure-sample-data.js';
export { writeTestModel, type TestModelOptions } from './test-model/write-test-model.js';
