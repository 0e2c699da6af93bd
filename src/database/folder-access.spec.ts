import { describe, expect, it } from '@jest/globals';
import { firstClosedFolder, userMay, type FolderStat } from './folder-access.js';

const postgres = { uid: 101, gid: 104 };
const folder = (at: string, mode: number, uid = 0, gid = 0): FolderStat => ({ path: at, mode: 0o40000 | mode, uid, gid });

describe('userMay', () => {
  it('reads the owner bits for the owner, the group bits for the group and the other bits for everyone else', () => {
    expect(userMay(folder('/var/lib/pg', 0o700, 101, 104), postgres, 1)).toBe(true);
    expect(userMay(folder('/srv/shared', 0o710, 0, 104), postgres, 1)).toBe(true);
    expect(userMay(folder('/srv/shared', 0o701, 0, 104), postgres, 1)).toBe(false);
    expect(userMay(folder('/root', 0o700), postgres, 1)).toBe(false);
    expect(userMay(folder('/home/u', 0o711), postgres, 1)).toBe(true);
    expect(userMay(folder('/home/u', 0o711), postgres, 5)).toBe(false);
  });
});

describe('firstClosedFolder', () => {
  it('finds a closed grandparent even when the parent is open', () => {
    const chain = [folder('/', 0o755), folder('/root', 0o700), folder('/root/app', 0o755), folder('/root/app/data', 0o755)];
    expect(firstClosedFolder(chain, postgres)?.path).toBe('/root');
  });

  it('finds nothing when every folder can be entered', () => {
    const chain = [folder('/', 0o755), folder('/tmp', 0o1777), folder('/tmp/care', 0o711)];
    expect(firstClosedFolder(chain, postgres)).toBeUndefined();
  });
});
