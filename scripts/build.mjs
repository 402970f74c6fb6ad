// Bundles the extension (client), the language server and the CLI into dist/ with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
};

if (existsSync('scripts/generate-schema.mjs')) {
  const r = spawnSync(process.execPath, ['scripts/generate-schema.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Leaves client-node's generated API clients and node-fetch out of dist/cluster.js (about 0.9 MB we never call). */
const clusterStubs = {
  name: 'cluster-stubs',
  setup(b) {
    const stub = (name) => fileURLToPath(new URL(`./stubs/${name}`, import.meta.url));
    b.onResolve({ filter: /^\.\/gen\/index\.js$/ }, (args) => (args.importer.includes('client-node-1') ? { path: stub('client-node-gen.mjs') } : undefined));
    b.onResolve({ filter: /^node-fetch$/ }, () => ({ path: stub('node-fetch.mjs') }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/worker.ts'], outfile: 'dist/worker.js' }),
  // The cluster face (kubeconfig, credentials, HTTP): its own bundle, loaded only when a cluster feature is used;
  // minified always (200 KiB instead of 470 KiB of third-party code in the .vsix).
  build({ ...common, entryPoints: ['server/src/cluster/index.ts'], outfile: 'dist/cluster.js', plugins: [clusterStubs], minify: true }),
]);
