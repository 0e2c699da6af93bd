/**
 * Sentences for staff, in English and in Chinese: why a caregiver got a visit, and why an order
 * stayed unassigned. Both are built from the same facts, part by part.
 */
import { type Model, canServe, distKm, fitsAlone, homeOf, isMiss } from './model.js';
import type { Solution } from './solution.js';
import { MINUTE_MS } from './time.js';

export interface Said {
  en: string;
  zh: string;
}

const SKILL_ZH: Record<string, string> = { meal: '助餐', cleaning: '助洁', mobility: '助行', medical: '助医' };
/** A skill as the staff pages name it in Chinese. */
export const skillZh = (skill: string): string => SKILL_ZH[skill] ?? skill;

function joined(parts: Said[]): Said {
  return { en: parts.map((p) => p.en).join('; '), zh: parts.map((p) => p.zh).join('；') };
}

export function explainAssignment(m: Model, sol: Solution, o: number, r: number, k: number): Said {
  const order = m.instance.orders[o];
  const c = m.rCg[r];
  const caregiver = m.instance.caregivers[c];
  const parts: Said[] = [];
  const named = order.preferredCaregiverId != null;
  if (m.oPref[o] != null) {
    if (!isMiss(m, o, c))
      parts.push(named ? { en: 'preferred caregiver', zh: '老人指定的护理员' } : { en: 'usual caregiver', zh: '平常服务的护理员' });
    else if (named) parts.push({ en: `preferred caregiver ${order.preferredCaregiverId} not free`, zh: '指定的护理员此时没空' });
    else parts.push({ en: 'usual caregiver not free', zh: '平常服务的护理员此时没空' });
  }
  if (k === 0) {
    const km = distKm(m, homeOf(m, c), o).toFixed(1);
    parts.push({ en: `${km} km from base (first visit of the shift)`, zh: `距出发地 ${km} 公里（本班第一单）` });
  } else {
    const km = distKm(m, sol.seq[r][k - 1], o).toFixed(1);
    parts.push({ en: `${km} km from previous visit`, zh: `距上一单 ${km} 公里` });
  }
  parts.push({ en: `skill ${order.skill}, level ${caregiver.level}`, zh: `技能${skillZh(order.skill)}，等级 ${caregiver.level}` });
  return joined(parts);
}

export function explainUnassigned(m: Model, sol: Solution, o: number): Said {
  const order = m.instance.orders[o];
  const ws = m.oWs[o];
  const we = m.oWe[o];
  const dur = m.oDur[o];
  if (we - ws < dur) {
    const window = Math.round((we - ws) / MINUTE_MS);
    return {
      en: `the window (${window} min) is shorter than the visit (${order.durationMinutes} min)`,
      zh: `可服务时段（${window} 分钟）比服务时长（${order.durationMinutes} 分钟）短`,
    };
  }
  const skill = skillZh(order.skill);
  const all = Array.from({ length: m.nC }, (_, c) => c);
  if (!all.some((c) => m.cSkills[c].has(order.skill)))
    return { en: `no caregiver with skill ${order.skill}`, zh: `没有会${skill}的护理员` };
  const qualified = all.filter((c) => canServe(m, c, o));
  const who = {
    en: `caregiver with skill ${order.skill} at level ${order.minLevel} or better`,
    zh: `等级 ${order.minLevel} 或以上（1 级最高）、会${skill}的护理员`,
  };
  if (qualified.length === 0) return { en: `no ${who.en}`, zh: `没有${who.zh}` };
  const overlap = (r: number) => Math.min(we, m.rEnd[r]) - Math.max(ws, m.rStart[r]);
  const onShift = qualified.filter((c) => m.cRoutes[c].some((r) => overlap(r) >= dur));
  if (onShift.length === 0) return { en: `no ${who.en} on shift within the window`, zh: `时段内没有在班的${who.zh}` };
  const reachable = onShift.filter((c) => m.cRoutes[c].some((r) => fitsAlone(m, o, r)));
  if (reachable.length === 0) {
    const km = Math.min(...onShift.map((c) => distKm(m, homeOf(m, c), o))).toFixed(1);
    if (m.returnToBase) {
      return {
        en: `qualified caregivers on shift cannot reach the address within the window and be back at base by the end of the shift (nearest base ${km} km away)`,
        zh: `在班的合格护理员无法在时段内赶到并在下班前返回出发地（最近的出发地 ${km} 公里）`,
      };
    }
    return {
      en: `qualified caregivers on shift cannot reach the address within the window (nearest base ${km} km away)`,
      zh: `在班的合格护理员无法在时段内赶到（最近的出发地 ${km} 公里）`,
    };
  }
  const withMinutes = reachable.filter((c) => m.cWeekly[c] >= order.durationMinutes);
  if (withMinutes.length === 0)
    return { en: 'qualified caregivers on shift have no weekly minutes left', zh: '在班的合格护理员本周工时已用完' };
  const atLimit = withMinutes.some((c) => sol.load[c] + order.durationMinutes > m.cWeekly[c]);
  return {
    en: `all qualified caregivers fully booked in the window${atLimit ? ' or at their weekly limit' : ''}`,
    zh: `合格护理员在该时段都已排满${atLimit ? '或已到每周工时上限' : ''}`,
  };
}
