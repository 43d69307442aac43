/**
 * Dependency rules for src/ (run by `npm run check-deps`, part of `npm test`): imports point
 * down the stack, and each third-party library stays in the folder that owns its concern.
 * Layers (bottom → top): common → types → storage → functions/catalog/parser → planner →
 * optimizer → execution → engine | ml (beside each other: the engine gets ml/'s extensions from
 * the composition root) → protocol/http → server (the main thread: listener, engine threads,
 * watchdog; an engine thread's entry composes its Database) → main. No entry allows an upward
 * import: http/ sees PRINT IMAGE's GallerySink in common/ and the store as its own MetaTable.
 */
const layer = (name, mayImport) => ({
  name: `${name}-imports-only-lower-layers`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: {
    path: '^src/',
    // An entry naming a file (a contract) allows just that file, a folder the whole folder.
    pathNot: [`^src/${name}/`, ...mayImport.map((m) => (m.endsWith('.ts') ? `^src/${m.replace('.', '\\.')}$` : `^src/${m}/`))],
  },
});

module.exports = {
  forbidden: [
    layer('common', []),
    layer('types', ['common']),
    layer('storage', ['common', 'types']),
    layer('functions', ['common', 'types']),
    layer('catalog', ['common', 'types', 'storage', 'functions']),
    layer('parser', ['common', 'types']),
    layer('planner', ['common', 'types', 'catalog', 'functions', 'parser']),
    layer('optimizer', ['common', 'types', 'catalog', 'functions', 'planner']),
    layer('execution', ['common', 'types', 'storage', 'catalog', 'functions', 'parser', 'planner']),
    layer('ml', ['common', 'types', 'storage', 'catalog', 'functions', 'parser', 'planner', 'optimizer', 'execution']),
    // ml/ in two halves: the inference library (models, embedding, pools, workers, vector scans)
    // knows nothing of SQL; the SQL extension (ml/sql/) binds, plans and runs statements over it.
    layer('ml/inference', ['common', 'types', 'storage']),
    layer('ml/sql', ['common', 'types', 'storage', 'catalog', 'functions', 'parser', 'planner', 'optimizer', 'execution', 'ml/inference']),
    layer('engine', ['common', 'types', 'storage', 'catalog', 'functions', 'parser', 'planner', 'optimizer', 'execution']),
    layer('protocol', ['common', 'types', 'engine']),
    // Not on the query path (sample data, the TEST model, the Unsplash fetcher): nothing but the
    // composition root and scripts import it.
    layer('tools', ['common', 'types', 'storage', 'ml']),
    // http keeps the galleries in the store's meta table, seen through its own MetaTable interface
    // (the server hands the store in); PRINT IMAGE's GallerySink interface is in common/.
    layer('http', ['common', 'types']),
    layer('server', ['common', 'types', 'storage', 'functions', 'engine', 'ml', 'protocol', 'http', 'config']),
    {
      // The wire codec is a pure codec (bytes ↔ messages): it can be unit-tested and fuzzed alone.
      name: 'wire-codec-imports-only-common',
      severity: 'error',
      from: { path: '^src/protocol/codec/' },
      to: { path: '^src/', pathNot: ['^src/protocol/codec/', '^src/common/'] },
    },
    // Cycles inside one folder are allowed: recursive-descent binders and transformers recurse
    // through each other (expression ↔ subquery) by nature. Cycles across folders are already
    // impossible under the layer rules above.
    ...[
      ['libpg-query', 'parser'],
      ['lmdb', 'storage'],
      ['onnxruntime-node', 'ml'],
      ['sharp', '(ml|tools)'],
      ['piscina', 'ml'],
      ['yauzl', 'tools'],
      // One kind of in-process cache, wrapped once (common/bounded-cache.ts).
      ['lru-cache', 'common'],
      ['pino', 'server'],
      // The gallery's search box is a client of the server (http/gallery-search.ts).
      ['pg', 'http'],
    ].map(([lib, home]) => ({
      name: `${lib}-only-in-${home.replace(/[()]/g, '').replace('|', '-or-')}`,
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/${home}/` },
      to: { path: `node_modules/${lib}/` },
    })),
    {
      name: 'sockets-only-in-server-protocol-and-http',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/', '^src/protocol/', '^src/http/', '^src/main\\.ts$'] },
      to: { path: '^(net|tls|http|https)$', dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
