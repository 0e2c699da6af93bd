import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may not point unless private addresses are allowed (WEBHOOK_ALLOW_PRIVATE):
 * loopback, private networks, link-local (cloud metadata at 169.254.169.254), shared and
 * reserved ranges, multicast, and their IPv6 counterparts. Without this, anyone who may set a
 * webhook could make the service POST into the network it runs in.
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** Whether an IP address (v4, v6, or v4 mapped into v6) is private, local or reserved. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host part of a URL as an address or name: brackets of an IPv6 literal removed. */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

/** Why a webhook URL may not be registered, judged from the URL alone; null when it may. */
export function privateUrlReason(url: string): string | null {
  const host = hostOf(url);
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))
    return `${host} is a local name`;
  if (isPrivateAddress(host)) return `${host} is a private, local or reserved address`;
  return null;
}

/** Why a webhook may not be sent now: its name resolves to a private address (or cannot be resolved); null when it may. */
export async function privateTargetReason(url: string): Promise<string | null> {
  const byUrl = privateUrlReason(url);
  if (byUrl) return byUrl;
  const host = hostOf(url);
  if (isIP(host)) return null;
  const addresses = await lookup(host, { all: true });
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  return bad ? `${host} resolves to ${bad.address}, a private, local or reserved address` : null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;
type Resolver = (hostname: string, options: { all: true }) => Promise<{ address: string; family: number }[]>;

/**
 * A `lookup` for the delivery's own connection: the name is resolved once, every address it gives
 * is checked, and the connection goes to the checked address. Checking by name and then letting
 * the request resolve it again would let a name that changes its answer (DNS rebinding) slip into
 * the service's own network between the two.
 */
export function pinnedLookup(allowPrivate: boolean, resolve: Resolver = (host, options) => lookup(host, options)) {
  return (hostname: string, options: { all?: boolean } | number, callback: LookupCallback): void => {
    resolve(hostname, { all: true })
      .then((addresses) => {
        const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
        if (bad) {
          const error: NodeJS.ErrnoException = new Error(
            `refused: ${hostname} resolves to ${bad.address}, a private, local or reserved address`,
          );
          error.code = 'WEBHOOK_URL_PRIVATE';
          return callback(error, []);
        }
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
        if (typeof options === 'object' && options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, []));
  };
}
