import { describe, expect, it } from '@jest/globals';
import { createLogger, errorForLog, redactText, redactUrl } from './logging.js';

const ID = '43100219450102001X';
const PHONE = '13807351234';

describe('log redaction', () => {
  it('drops sensitive query values by key and others by pattern', () => {
    expect(redactUrl(`/api/v1/residents?q=${ID}&page=2`)).toBe('/api/v1/residents?q=[redacted]&page=2');
    expect(redactUrl(`/api/v1/family?phone=${PHONE}&x=${PHONE}`)).toBe('/api/v1/family?phone=[redacted]&x=[phone]');
    expect(redactUrl(`/api/v1/x?idNumber=${ID}&from=2026-12-01`)).toBe('/api/v1/x?idNumber=[redacted]&from=2026-12-01');
    expect(redactUrl('/api/v1/orders/0a1b2c3d-1111-4222-8333-138073512345')).toBe('/api/v1/orders/0a1b2c3d-1111-4222-8333-138073512345');
  });

  it('finds ID numbers, mobiles and tokens anywhere in text', () => {
    expect(redactText(`Key (phone)=(${PHONE}) already exists; id ${ID.toLowerCase()}; +86${PHONE}`)).toBe(
      'Key (phone)=([phone]) already exists; id [id-number]; [phone]',
    );
    expect(redactText('Authorization: Bearer abc.def.ghi and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe(
      'Authorization: Bearer [token] and [token]',
    );
  });

  it("keeps an error's type and code, never the values it carried", () => {
    const error = Object.assign(new Error(`duplicate key value violates unique constraint; Key (id_number)=(${ID})`), {
      code: '23505',
      constraint: 'residents_id_number_unique',
      parameters: [ID, PHONE, '人民西路8号'],
      detail: `Key (id_number)=(${ID}) already exists.`,
    });
    const logged = JSON.stringify(errorForLog(error));
    expect(logged).toContain('23505');
    expect(logged).toContain('residents_id_number_unique');
    expect(logged).not.toContain(ID);
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain('人民西路8号');
  });

  it('writes no personal field through the service logger, by key or by pattern', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) });
    log.info({ body: { password: 'hunter22', address: '人民西路8号', idNumber: ID }, phone: PHONE }, `looked up ${PHONE}`);
    log.error({ err: Object.assign(new Error('boom'), { parameters: ['人民西路8号'] }) }, 'failed');
    const text = lines.join('');
    for (const secret of ['hunter22', '人民西路8号', ID, PHONE]) expect(text).not.toContain(secret);
    expect(text).toContain('boom');
  });
});
