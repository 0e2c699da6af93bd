import { describe, expect, it } from '@jest/globals';
import { leftoverAction, parsePostmasterPid } from './leftover-server.js';

describe('parsePostmasterPid', () => {
  it('reads the process id and the port', () => {
    const text = '4242\n/tmp/data/postgres\n1764374400\n54329\n/tmp\n127.0.0.1\n  1234567     98304\nready   \n';
    expect(parsePostmasterPid(text)).toEqual({ pid: 4242, port: 54329 });
  });

  it('gives nothing for an empty or broken file', () => {
    expect(parsePostmasterPid('')).toBeUndefined();
    expect(parsePostmasterPid('abc\n')).toBeUndefined();
  });
});

describe('leftoverAction', () => {
  const postmaster = { pid: 500, port: 54329 };
  const owner = { servicePid: 400, postgresPid: 500 };

  it('does nothing when the server named in postmaster.pid is gone, or there is none', () => {
    expect(leftoverAction({ postmaster, postmasterAlive: false, owner, ownerAlive: false })).toBe('none');
    expect(leftoverAction({ postmasterAlive: false, ownerAlive: false })).toBe('none');
  });

  it('leaves the directory to a service that is still starting on it', () => {
    expect(leftoverAction({ postmasterAlive: false, owner: { servicePid: 400 }, ownerAlive: true })).toBe('in-use');
  });

  it('stops our server whose service is gone (killed with SIGKILL)', () => {
    expect(leftoverAction({ postmaster, postmasterAlive: true, parentPid: 1, owner, ownerAlive: false })).toBe('stop');
  });

  it('stops our server when its service pid was reused by another process', () => {
    expect(leftoverAction({ postmaster, postmasterAlive: true, parentPid: 1, owner, ownerAlive: true })).toBe('stop');
  });

  it('leaves a server alone while the service that started it runs', () => {
    expect(leftoverAction({ postmaster, postmasterAlive: true, parentPid: 400, owner, ownerAlive: true })).toBe('in-use');
    expect(leftoverAction({ postmaster, postmasterAlive: true, owner, ownerAlive: true })).toBe('in-use');
  });

  it('leaves a server alone that this service did not start', () => {
    expect(leftoverAction({ postmaster, postmasterAlive: true, parentPid: 1, ownerAlive: false })).toBe('foreign');
    expect(
      leftoverAction({ postmaster, postmasterAlive: true, parentPid: 1, owner: { servicePid: 400, postgresPid: 499 }, ownerAlive: false }),
    ).toBe('foreign');
  });
});
