import http from 'node:http';
import https from 'node:https';
import { pinnedLookup, privateUrlReason } from './webhook-address.js';

/**
 * One webhook POST whose connection goes to the address that was checked (see pinnedLookup): no
 * redirects followed, the body of the answer discarded, at most `timeoutMs` in all.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<number> {
  const target = new URL(url);
  const refused = options.allowPrivate ? null : privateUrlReason(url);
  if (refused) return Promise.reject(new Error(`refused: ${refused}`));
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
        lookup: pinnedLookup(options.allowPrivate),
        timeout: options.timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`TimeoutError: no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
