import { describe, expect, it } from '@jest/globals';
import { isPrivateAddress, pinnedLookup, privateTargetReason, privateUrlReason } from './webhook-address.js';

describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('counts %s as private', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '203.119.1.1', '172.32.0.1', '2400:3200::1', '::ffff:8.8.8.8'])('counts %s as public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('refuses local names and private literals in a URL, IPv6 brackets included', () => {
    expect(privateUrlReason('http://localhost:8080/hook')).toContain('local name');
    expect(privateUrlReason('http://printer.local/hook')).toContain('local name');
    expect(privateUrlReason('http://[::1]:3000/hook')).toContain('private');
    expect(privateUrlReason('http://169.254.169.254/latest/meta-data')).toContain('private');
    expect(privateUrlReason('https://hooks.example.org/care')).toBeNull();
    expect(privateUrlReason('https://8.8.8.8/hook')).toBeNull();
  });

  it('refuses a name that resolves to a private address before sending', async () => {
    // localhost resolves on every machine, to 127.0.0.1 or ::1.
    expect(await privateTargetReason('http://localhost/hook')).toContain('local name');
    expect(await privateTargetReason('http://127.0.0.1/hook')).toContain('private');
    expect(await privateTargetReason('https://8.8.8.8/hook')).toBeNull();
  });

  describe('pinnedLookup', () => {
    const answers = (...lists: string[][]) => {
      let call = 0;
      return async () => (lists[call++] ?? lists.at(-1)!).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    const run = (lookup: ReturnType<typeof pinnedLookup>, all = false) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) =>
        lookup('hooks.example.com', { all }, (error, address) => resolve({ error, address })),
      );

    it('connects to the address it checked, resolving the name once', async () => {
      // A rebinding name: public on the first answer, the metadata service on the next.
      const lookup = pinnedLookup(false, answers(['93.184.216.34'], ['169.254.169.254']));
      expect(await run(lookup)).toEqual({ error: null, address: '93.184.216.34' });
    });

    it('refuses when any address of the answer is private, unless private addresses are allowed', async () => {
      const refused = await run(pinnedLookup(false, answers(['93.184.216.34', '10.0.0.5'])), true);
      expect(refused.error?.code).toBe('WEBHOOK_URL_PRIVATE');
      expect((await run(pinnedLookup(true, answers(['127.0.0.1'])))).address).toBe('127.0.0.1');
    });
  });
});
