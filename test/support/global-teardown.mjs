export default async function globalTeardown() {
  await globalThis.__careTestPg?.stop();
}
