import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ChangeFeed } from '../database/change-feed.js';
import { forgetPolicy } from './allowance.js';

/** Empties the instance's subsidy-policy cache whenever the policy table changes (or the feed drops). */
@Injectable()
export class PolicyFeed implements OnModuleInit {
  constructor(private readonly feed: ChangeFeed) {}

  onModuleInit(): void {
    this.feed.subscribe('policy_changed', () => forgetPolicy());
  }
}
