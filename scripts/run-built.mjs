#!/usr/bin/env node
/**
 * node scripts/run-built.mjs <entry> [args...] — runs dist/<entry>.js, building first only when
 * the build is missing or older than a source file (src/, bench/, the tsconfigs, package.json).
 * Checking costs a few milliseconds; `tsc` costs seconds, so a current build starts at once.
 * The entry runs in this process, with the arguments after <entry> as its own.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.argv[2];
if (!entry) {
  process.stderr.write('usage: node scripts/run-built.mjs <entry, e.g. src/scheduling/engine/assign.cli> [args...]\n');
  process.exit(2);
}
const target = join(root, 'dist', `${entry}.js`);

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** The newest modification time of the .ts files under `dir`. */
function newest(dir) {
  let latest = -1;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) latest = Math.max(latest, newest(p));
    else if (e.name.endsWith('.ts')) latest = Math.max(latest, mtime(p));
  }
  return latest;
}

const sources = Math.max(
  newest(join(root, 'src')),
  newest(join(root, 'bench')),
  ...['tsconfig.json', 'tsconfig.build.json', 'package.json'].map((f) => mtime(join(root, f))),
);
if (mtime(target) < sources) {
  process.stderr.write('building (the build is older than the sources)…\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// The SQL the code reads at run time: a millisecond to copy, so always.
await import('./copy-sql.mjs');
process.argv.splice(2, 1);
await import(pathToFileURL(target).href);
