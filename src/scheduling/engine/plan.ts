/** From a working solution to the plan JSON of API.md. */
import { explainAssignment, explainUnassigned } from './explain.js';
import type { Model } from './model.js';
import type { Solution } from './solution.js';
import { formatTime } from './time.js';
import type { Assignment, Plan, Unassigned } from './types.js';

export function toPlan(m: Model, sol: Solution, explain = true): Plan {
  const assignments: Assignment[] = [];
  for (let c = 0; c < m.nC; c++) {
    const routes = [...m.cRoutes[c]].sort((a, b) => m.rStart[a] - m.rStart[b]);
    for (const r of routes) {
      sol.seq[r].forEach((o, k) => {
        const start = sol.st[r][k];
        const a: Assignment = {
          orderId: m.instance.orders[o].id,
          caregiverId: m.instance.caregivers[c].id,
          start: formatTime(start),
          end: formatTime(start + m.oDur[o]),
        };
        if (explain) {
          const said = explainAssignment(m, sol, o, r, k);
          a.explanation = said.en;
          a.explanationZh = said.zh;
        }
        assignments.push(a);
      });
    }
  }
  const unassigned: Unassigned[] = [];
  for (let o = 0; o < m.nO; o++) {
    if (sol.routeOf[o] >= 0) continue;
    const said = explainUnassigned(m, sol, o);
    unassigned.push({ orderId: m.instance.orders[o].id, reason: said.en, reasonZh: said.zh });
  }
  const score = sol.score();
  return {
    assignments,
    unassigned,
    objective: {
      assigned: score.assigned,
      travelMinutes: Math.round(score.travelMin * 10) / 10,
      continuityMisses: score.misses,
    },
  };
}
