import { expandTemplate, type ExpansionInput } from './template-expansion.js';
import { dayStart, MINUTE_MS, toShanghaiIso } from '../common/shanghai-time.js';

const at = (day: string, hhmm: string) => dayStart(day) + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))) * MINUTE_MS;
// 2026-11-30 is a Monday.
const WEEK = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];

function input(over: Partial<ExpansionInput>): ExpansionInput {
  return {
    entries: [
      { id: 't1', caregiverId: 'a', weekday: 1, startMinute: 8 * 60, endMinute: 16 * 60 },
      { id: 't2', caregiverId: 'a', weekday: 2, startMinute: 8 * 60, endMinute: 16 * 60 },
      { id: 't3', caregiverId: 'b', weekday: 1, startMinute: 12 * 60, endMinute: 18 * 60 },
    ],
    days: WEEK,
    notBefore: 0,
    fixedShifts: [],
    editedDays: [],
    leaves: [],
    weeklyLimits: new Map([
      ['a', 2400],
      ['b', 2400],
    ]),
    ...over,
  };
}

const shown = (r: ReturnType<typeof expandTemplate>) =>
  r.shifts.map((s) => `${s.caregiverId} ${toShanghaiIso(s.start)}–${toShanghaiIso(s.end).slice(11, 16)}`);

describe('template expansion', () => {
  it('applies each weekday’s lines to the matching dates, in Asia/Shanghai time', () => {
    expect(shown(expandTemplate(input({})))).toEqual([
      'a 2026-11-30T08:00:00+08:00–16:00',
      'b 2026-11-30T12:00:00+08:00–18:00',
      'a 2026-12-01T08:00:00+08:00–16:00',
    ]);
  });

  it('lets a day edited by hand win over the template', () => {
    const r = expandTemplate(input({ editedDays: [{ caregiverId: 'a', day: '2026-11-30' }] }));
    expect(shown(r)).toEqual(['b 2026-11-30T12:00:00+08:00–18:00', 'a 2026-12-01T08:00:00+08:00–16:00']);
  });

  it('cuts manual shifts and leave out of the template’s times', () => {
    const r = expandTemplate(
      input({
        fixedShifts: [{ caregiverId: 'a', start: at('2026-11-29', '22:00'), end: at('2026-11-30', '09:00') }],
        leaves: [
          { caregiverId: 'a', start: at('2026-12-01', '12:00'), end: at('2026-12-02', '00:00') },
          { caregiverId: 'b', start: 0, end: at('2026-12-31', '00:00') },
        ],
      }),
    );
    expect(shown(r)).toEqual(['a 2026-11-30T09:00:00+08:00–16:00', 'a 2026-12-01T08:00:00+08:00–12:00']);
  });

  it('does not generate shifts that start before now', () => {
    expect(shown(expandTemplate(input({ notBefore: at('2026-11-30', '10:00') })))).toEqual([
      'b 2026-11-30T12:00:00+08:00–18:00',
      'a 2026-12-01T08:00:00+08:00–16:00',
    ]);
  });

  it('leaves out shifts that would pass the weekly limit, counting fixed shifts first', () => {
    const r = expandTemplate(
      input({
        fixedShifts: [{ caregiverId: 'a', start: at('2026-12-03', '08:00'), end: at('2026-12-03', '16:00') }],
        weeklyLimits: new Map([
          ['a', 960],
          ['b', 2400],
        ]),
      }),
    );
    expect(shown(r)).toEqual(['a 2026-11-30T08:00:00+08:00–16:00', 'b 2026-11-30T12:00:00+08:00–18:00']);
    expect(r.overLimit).toEqual([{ caregiverId: 'a', day: '2026-12-01', minutes: 480 }]);
  });

  it('counts limits per week: the next week starts afresh', () => {
    const days = [...WEEK, '2026-12-07'];
    const r = expandTemplate(
      input({
        days,
        weeklyLimits: new Map([
          ['a', 480],
          ['b', 480],
        ]),
      }),
    );
    expect(shown(r)).toEqual([
      'a 2026-11-30T08:00:00+08:00–16:00',
      'b 2026-11-30T12:00:00+08:00–18:00',
      'a 2026-12-07T08:00:00+08:00–16:00',
      'b 2026-12-07T12:00:00+08:00–18:00',
    ]);
  });

  it('plans the same shifts every time', () => {
    const given = input({ leaves: [{ caregiverId: 'a', start: at('2026-12-01', '10:00'), end: at('2026-12-01', '11:00') }] });
    expect(expandTemplate(given)).toEqual(expandTemplate(given));
    expect(shown(expandTemplate(given))).toContain('a 2026-12-01T11:00:00+08:00–16:00');
  });
});
