import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ChangeFeed } from '../database/change-feed.js';
import { listenForPolicyChanges } from './allowance.js';

/** Connects the instance's subsidy-policy cache to the change feed: it serves from memory while the feed listens, and empties on any policy change. */
@Injectable()
export class PolicyFeed implements OnModuleInit {
  constructor(private readonly feed: ChangeFeed) {}

  onModuleInit(): void {
    listenForPolicyChanges(this.feed);
  }
}
