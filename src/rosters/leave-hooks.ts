import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/roles.js';

/** What a leave hands to the modules that hold work for the caregiver in that period. */
export interface LeaveContext {
  /** The leave's transaction: write through it, so the leave and its effects commit together. */
  manager: EntityManager;
  actor: Actor;
  leaveId: string;
  caregiverId: string;
  /** The part of the leave from now on, epoch ms, end exclusive. */
  start: number;
  end: number;
}

export type LeaveEffect = (context: LeaveContext) => Promise<void>;

/**
 * The hook for what a leave does beyond the roster. Rosters trims the shifts; the assignment
 * module (a later issue) registers an effect here in its onModuleInit that releases the
 * caregiver's assignments in the period, records the change and sends the orders (still
 * confirmed) back to assignment.
 */
@Injectable()
export class LeaveHooks {
  private readonly effects: LeaveEffect[] = [];

  register(effect: LeaveEffect): void {
    this.effects.push(effect);
  }

  async run(context: LeaveContext): Promise<void> {
    for (const effect of this.effects) await effect(context);
  }
}
