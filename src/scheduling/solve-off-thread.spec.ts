import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { solve } from './engine/index.js';
import { solveOffThread } from './solve-off-thread.js';

const instance = {
  travel: { speedKmh: 20 },
  caregivers: [
    {
      id: 'c1',
      skills: ['cleaning'],
      level: 3,
      location: { lat: 25.77, lng: 113.01 },
      shifts: [{ start: '2026-12-01T08:00:00+08:00', end: '2026-12-01T16:00:00+08:00' }],
    },
  ],
  orders: [
    {
      id: 'o1',
      skill: 'cleaning',
      minLevel: 5,
      location: { lat: 25.78, lng: 113.02 },
      windowStart: '2026-12-01T09:00:00+08:00',
      windowEnd: '2026-12-01T11:00:00+08:00',
      durationMinutes: 60,
    },
    {
      id: 'o2',
      skill: 'cleaning',
      minLevel: 5,
      location: { lat: 25.79, lng: 113.0 },
      windowStart: '2026-12-01T09:00:00+08:00',
      windowEnd: '2026-12-01T13:00:00+08:00',
      durationMinutes: 60,
    },
  ],
};

describe('solveOffThread', () => {
  it('gives the same plan from the compiled worker thread as in place', async () => {
    // npm test builds first, so the compiled worker is there.
    const worker = pathToFileURL(path.resolve('dist/src/scheduling/engine/solve.worker.js'));
    const plan = await solveOffThread(instance, { seed: 1 }, worker);
    expect(plan).toEqual(solve(instance, { seed: 1 }));
    expect(plan.objective.assigned).toBe(2);
  });

  it('solves in place where no compiled worker exists', async () => {
    const plan = await solveOffThread(instance, { seed: 1 }, new URL('file:///nowhere/solve.worker.js'));
    expect(plan).toEqual(solve(instance, { seed: 1 }));
  });
});
