import { createHash } from 'node:crypto';
import { haversineKm } from '../scheduling/engine/travel.js';

/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence everywhere. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], ...]`; weights need not sum to 1. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let x = this.next() * total;
    for (const [value, w] of choices) {
      x -= w;
      if (x < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  /** A point within `radiusKm` of a centre, uniform over the disc. */
  near(lat: number, lng: number, radiusKm: number): { lat: number; lng: number } {
    const r = radiusKm * Math.sqrt(this.next());
    const angle = this.next() * 2 * Math.PI;
    const dLat = (r * Math.cos(angle)) / 111.2;
    const dLng = (r * Math.sin(angle)) / (111.2 * Math.cos((lat * Math.PI) / 180));
    return { lat: round6(lat + dLat), lng: round6(lng + dLng) };
  }

  /** A mobile number: 1, a real-looking second digit, nine random digits. */
  mobile(): string {
    let s = `1${this.pick(['3', '5', '7', '8', '9'])}`;
    for (let i = 0; i < 9; i++) s += String(this.int(0, 9));
    return s;
  }
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * A UUID (version 5 layout) derived from a name, so a row keeps its id across runs of the seed and
 * a second run finds what the first one wrote.
 */
export function stableUuid(name: string): string {
  const h = createHash('sha1').update(`chenzhou-demo:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Great-circle distance in km: the travel model the assignment engine uses. */
export const distanceKm = (a: { lat: number; lng: number }, b: { lat: number; lng: number }): number => haversineKm(a, b);
