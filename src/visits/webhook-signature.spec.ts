import { createHmac } from 'node:crypto';
import { signatureOf, verifySignature } from './webhook-signature.js';

describe('webhook signature', () => {
  const body = JSON.stringify({ id: 'n1', kind: 'visit.missed' });

  it('is HMAC-SHA256 of "t.body" in hex, with the timestamp', () => {
    const hex = createHmac('sha256', 'secret-of-the-receiver').update(`1764374400.${body}`).digest('hex');
    expect(signatureOf('secret-of-the-receiver', 1764374400, body)).toBe(`t=1764374400,v1=${hex}`);
  });

  it('verifies with the right secret and body only', () => {
    const header = signatureOf('secret-of-the-receiver', 1764374400, body);
    expect(verifySignature('secret-of-the-receiver', header, body, 1764374400)).toBe(true);
    expect(verifySignature('another-secret', header, body, 1764374400)).toBe(false);
    expect(verifySignature('secret-of-the-receiver', header, `${body} `, 1764374400)).toBe(false);
    expect(verifySignature('secret-of-the-receiver', 'garbage', body, 1764374400)).toBe(false);
  });

  it('refuses an old signature (a replay)', () => {
    const header = signatureOf('secret-of-the-receiver', 1764374400, body);
    expect(verifySignature('secret-of-the-receiver', header, body, 1764374400 + 301)).toBe(false);
  });
});
