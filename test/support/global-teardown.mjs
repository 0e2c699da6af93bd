import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  await globalThis.__careTestPg?.stop();
  if (globalThis.__careTestPgDir) await rm(globalThis.__careTestPgDir, { recursive: true, force: true });
}
