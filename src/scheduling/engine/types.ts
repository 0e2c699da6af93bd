/**
 * The assignment engine's public input and output: the instance and plan JSON of API.md
 * ("Assignment"). Field names are a public contract; extra fields may be added, none renamed.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

export interface ShiftInput {
  start: string;
  end: string;
}

export interface CaregiverInput {
  id: string;
  skills: string[];
  /** 1 is the most qualified, 5 the least. */
  level: number;
  /** Where each shift starts from: the facility or the caregiver's home base. */
  location: LatLng;
  shifts: ShiftInput[];
  /** Visit minutes the caregiver may still work this week; no limit when absent. */
  weeklyMinutesLeft?: number;
  /** Residents this caregiver usually serves (continuity when an order names no preferred caregiver). */
  usualResidentIds?: string[];
  /** What one shift's route can carry: the demands of its visits add up to at most this; no limit when absent. */
  capacity?: number;
}

export interface OrderInput {
  id: string;
  skill: string;
  /** The least qualified level that may serve: a caregiver qualifies when caregiver.level <= minLevel. */
  minLevel: number;
  location: LatLng;
  windowStart: string;
  windowEnd: string;
  durationMinutes: number;
  preferredCaregiverId?: string | null;
  /** Higher is assigned first when not every order fits; default 0. */
  priority?: number;
  residentId?: string;
  /** What the visit takes of the route's capacity (goods delivered, seats); default 0. */
  demand?: number;
}

export interface Weights {
  /**
   * Travel minutes keeping one resident's usual or preferred caregiver is worth (default 10):
   * 0 ignores continuity, a very large value (10,000 or more) ranks it above any travel.
   */
  continuityWorthMinutes?: number;
}

export interface Instance {
  travel: { speedKmh: number };
  caregivers: CaregiverInput[];
  orders: OrderInput[];
  /** How the goals are weighed against each other (optional). */
  weights?: Weights;
  /**
   * Each shift's route ends back at the caregiver's location by the shift's end, and that way
   * back counts as travel (default false: a route ends at its last visit).
   */
  returnToBase?: boolean;
}

export interface Assignment {
  orderId: string;
  caregiverId: string;
  start: string;
  end: string;
  /** Why this caregiver, for staff: "usual caregiver; 1.2 km from previous visit; skill cleaning, level 3". */
  explanation?: string;
  /** The same in Chinese, for the staff pages. */
  explanationZh?: string;
}

export interface Unassigned {
  orderId: string;
  reason: string;
  /** The same in Chinese, for the staff pages. */
  reasonZh?: string;
}

export interface Objective {
  assigned: number;
  travelMinutes: number;
  continuityMisses: number;
}

export interface Plan {
  assignments: Assignment[];
  unassigned: Unassigned[];
  objective: Objective;
}

export interface SolveOptions {
  /** Seed of the local search's pseudo-random move order (default 1). */
  seed?: number;
  /** Each order considers only the routes of its nearest qualified caregivers (default 15). */
  candidateCaregivers?: number;
  /** Upper bound on local-search passes (default derived from instance size). */
  maxPasses?: number;
  /** Ruin-and-recreate iterations (default 25 per order, 1,000 to 28,000). */
  lnsIterations?: number;
  /** Ruin-and-recreate annealing: travel minutes a change may add at the start (see accept.ts). */
  startTemperature?: number;
  /**
   * Travel minutes keeping one resident's usual or preferred caregiver is worth: a usual caregiver
   * is kept unless that costs more than this much extra travel. Absent: the instance's
   * `weights.continuityWorthMinutes`, else DEFAULT_CONTINUITY_WORTH (10). 0 ignores continuity;
   * STRICT_CONTINUITY (10,000) or more ranks continuity above any travel.
   */
  continuityWorthMinutes?: number;
  /** Safety cap only: the search stops after this many ms (default 8,500; ruin and recreate at 90% of it). */
  timeLimitMs?: number;
  /**
   * Search until the time limit instead of for a fixed number of iterations (better plans, but
   * the result then depends on the machine's speed). Default false.
   */
  untilTimeLimit?: boolean;
  /**
   * Visits start on multiples of this many ms (default 60,000: whole minutes, as staff read
   * plans). 1 plans to the millisecond, as a benchmark with fractional travel times needs.
   */
  startStepMs?: number;
}
