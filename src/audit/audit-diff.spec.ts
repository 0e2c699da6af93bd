import { diffForAudit } from './audit-diff.js';

describe('diffForAudit', () => {
  it('lists only the fields that changed, with old and new values', () => {
    expect(diffForAudit({ name: '王芳', careLevel: 1, street: '人民路' }, { name: '王芳', careLevel: 3, street: '人民路' })).toEqual({
      careLevel: { old: 1, new: 3 },
    });
  });

  it('records every field of a created record against null', () => {
    expect(diffForAudit(null, { name: '李强' })).toEqual({ name: { old: null, new: '李强' } });
  });

  it('masks ID numbers and hides password hashes', () => {
    const changes = diffForAudit(
      { idNumber: '431002195003150012', passwordHash: 'a' },
      { idNumber: '43100219500315003X', passwordHash: 'b' },
    );
    expect(changes.idNumber).toEqual({ old: '**************0012', new: '**************003X' });
    expect(changes.passwordHash).toEqual({ old: '[changed]', new: '[changed]' });
    expect(JSON.stringify(changes)).not.toContain('195003');
  });

  it('ignores bookkeeping timestamps', () => {
    expect(diffForAudit({ updatedAt: new Date(1) }, { updatedAt: new Date(2) })).toEqual({});
  });
});
