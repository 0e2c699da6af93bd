/** Sentences for staff: why a caregiver got a visit, and why an order stayed unassigned. */
import { type Model, canServe, distKm, fitsAlone, homeOf, isMiss } from './model.js';
import type { Solution } from './solution.js';
import { MINUTE_MS } from './time.js';

export function explainAssignment(m: Model, sol: Solution, o: number, r: number, k: number): string {
  const order = m.instance.orders[o]!;
  const c = m.rCg[r]!;
  const caregiver = m.instance.caregivers[c]!;
  const parts: string[] = [];
  const named = order.preferredCaregiverId != null;
  if (m.oPref[o] != null) {
    if (!isMiss(m, o, c)) parts.push(named ? 'preferred caregiver' : 'usual caregiver');
    else parts.push(named ? `preferred caregiver ${order.preferredCaregiverId} not free` : 'usual caregiver not free');
  }
  if (k === 0) parts.push(`${distKm(m, homeOf(m, c), o).toFixed(1)} km from base (first visit of the shift)`);
  else parts.push(`${distKm(m, sol.seq[r]![k - 1]!, o).toFixed(1)} km from previous visit`);
  parts.push(`skill ${order.skill}, level ${caregiver.level}`);
  return parts.join('; ');
}

export function explainUnassigned(m: Model, sol: Solution, o: number): string {
  const order = m.instance.orders[o]!;
  const ws = m.oWs[o]!;
  const we = m.oWe[o]!;
  const dur = m.oDur[o]!;
  if (we - ws < dur) {
    return `the window (${Math.round((we - ws) / MINUTE_MS)} min) is shorter than the visit (${order.durationMinutes} min)`;
  }
  const all = Array.from({ length: m.nC }, (_, c) => c);
  if (!all.some((c) => m.cSkills[c]!.has(order.skill))) return `no caregiver with skill ${order.skill}`;
  const qualified = all.filter((c) => canServe(m, c, o));
  const who = `caregiver with skill ${order.skill} at level ${order.minLevel} or better`;
  if (qualified.length === 0) return `no ${who}`;
  const overlap = (r: number) => Math.min(we, m.rEnd[r]!) - Math.max(ws, m.rStart[r]!);
  const onShift = qualified.filter((c) => m.cRoutes[c]!.some((r) => overlap(r) >= dur));
  if (onShift.length === 0) return `no ${who} on shift within the window`;
  const reachable = onShift.filter((c) => m.cRoutes[c]!.some((r) => fitsAlone(m, o, r)));
  if (reachable.length === 0) {
    const km = Math.min(...onShift.map((c) => distKm(m, homeOf(m, c), o)));
    return `qualified caregivers on shift cannot reach the address within the window (nearest base ${km.toFixed(1)} km away)`;
  }
  const withMinutes = reachable.filter((c) => m.cWeekly[c]! >= order.durationMinutes);
  if (withMinutes.length === 0) return 'qualified caregivers on shift have no weekly minutes left';
  const atLimit = withMinutes.some((c) => sol.load[c]! + order.durationMinutes > m.cWeekly[c]!);
  return `all qualified caregivers fully booked in the window${atLimit ? ' or at their weekly limit' : ''}`;
}
