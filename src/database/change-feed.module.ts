import { Global, Module } from '@nestjs/common';
import { ChangeFeed } from './change-feed.js';

/** The instance's one LISTEN connection, for every cache that depends on database changes. */
@Global()
@Module({ providers: [ChangeFeed], exports: [ChangeFeed] })
export class ChangeFeedModule {}
