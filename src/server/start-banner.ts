/**
 * What `npm start` prints once it listens: the version, how to connect (the exact psql command
 * and a connection URL), where the gallery is, and each model's state with the next step when it
 * cannot answer yet — so a new user needs nothing else to begin.
 */
import { offlineSteps, type ModelSummary } from '../ml/index.js';

export interface BannerFacts {
  readonly version: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly dataDir: string;
  readonly engineThreads: number;
  readonly auth: string;
  readonly galleryUrl?: string;
  readonly models: readonly ModelSummary[];
}

const NEXT_STEP: Readonly<Record<string, (summary: ModelSummary) => string>> = {
  // The offline steps name this server's models directory, not the default one.
  'not downloaded': ({ model }) => `downloaded on the first CONVERT/SEARCH (or offline: ${offlineSteps(model)})`,
  'missing files': () => 'its directory lacks files: LIST MODEL names them',
  'test model': () => 'the generated TEST model: colours only, never real CLIP answers',
  ready: () => 'ready',
};

/** The banner's lines. */
export function startBanner(facts: BannerFacts): string[] {
  const lines = [
    `ThanoSQL-lite ${facts.version}: PostgreSQL 15 protocol on ${facts.host}:${facts.port}, data in ${facts.dataDir}`
      + ` (${facts.engineThreads} engine thread${facts.engineThreads === 1 ? '' : 's'}, ${facts.auth})`,
    `  connect:  psql -h ${facts.host} -p ${facts.port} -U ${facts.user} ${facts.database}`,
    `            postgresql://${facts.user}@${facts.host}:${facts.port}/${facts.database}`,
  ];
  if (facts.galleryUrl) lines.push(`  gallery:  ${facts.galleryUrl}/`);
  for (const summary of facts.models) {
    const { model, state } = summary;
    lines.push(`  model:    ${model.name} (${model.base}, ${model.path}): ${NEXT_STEP[state]?.(summary) ?? state}`);
  }
  return lines;
}
