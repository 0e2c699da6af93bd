/** Polls until `done` holds; a change announced by NOTIFY arrives within milliseconds, so 10 s means it never came. */
export async function eventually(done: () => Promise<boolean> | boolean, withinMs = 10_000): Promise<boolean> {
  const until = Date.now() + withinMs;
  while (Date.now() < until) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
