/**
 * The CLIP extension's run-time parameters, declared so that SET checks them when given (a
 * mistyped value or name is an error then, not a silently ignored setting later), SHOW and
 * pg_settings list them, and the `hnsw` prefix is reserved as pgvector reserves it.
 */
import type { ExtensionSettings } from '../../common/setting-definition.js';
import { EF_SEARCH } from '../inference/vector/index-shard.js';
import { CONVERT_RESULT_SETTING, CONVERT_RESULTS } from './bind/bind-convert.js';
import { EF_SEARCH_SETTING, EXACT_SEARCH_SETTING, INDEX_MIN_ROWS_SETTING, MAX_EF_SEARCH } from './bind/bind-search.js';
import { VECTOR_INDEX_MIN_ROWS } from './plan/plan-search-top-k.js';
import { PROGRESS_INTERVAL_MS, PROGRESS_INTERVAL_SETTING } from './run/convert-progress.js';

const CATEGORY = 'ThanoSQL / CLIP';
const INT_MAX = 2_147_483_647;
const MS_PER_S = 1000;

export const CLIP_SETTINGS: ExtensionSettings = {
  reservedPrefixes: ['hnsw'],
  settings: [
    { name: EXACT_SEARCH_SETTING, defaultValue: 'off', category: CATEGORY, type: { kind: 'bool' },
      description: 'SEARCH top-k scans every row instead of using a vector index.' },
    { name: INDEX_MIN_ROWS_SETTING, defaultValue: String(VECTOR_INDEX_MIN_ROWS), category: CATEGORY, type: { kind: 'integer', min: 0, max: INT_MAX },
      description: 'Tables with fewer rows than this are searched exactly even when they have a vector index.' },
    { name: EF_SEARCH_SETTING, defaultValue: String(EF_SEARCH), category: CATEGORY, type: { kind: 'integer', min: 1, max: MAX_EF_SEARCH },
      description: 'Candidates an HNSW index search keeps (higher: better recall, slower).' },
    { name: CONVERT_RESULT_SETTING, defaultValue: 'rows', category: CATEGORY, type: { kind: 'enum', values: CONVERT_RESULTS },
      description: "What a CONVERT statement returns: every row with its embedding ('rows') or one row of counts ('summary')." },
    { name: PROGRESS_INTERVAL_SETTING, defaultValue: `${PROGRESS_INTERVAL_MS / MS_PER_S}s`, category: CATEGORY, type: { kind: 'duration' },
      description: 'Least time between two CONVERT progress notices.' },
  ],
};
