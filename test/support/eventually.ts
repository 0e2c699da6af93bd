/** Polls until `done` holds; a change announced by NOTIFY arrives within milliseconds, so 10 s means it never came. */
export async function eventually(done: () => Promise<boolean> | boolean): Promise<boolean> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
