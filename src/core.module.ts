import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AccessPolicy } from './common/access/access.policy.js';
import { AccessService } from './common/auth/access.service.js';
import { RegistryChanges } from './common/registry-changes.js';
import { APP_CONFIG, type AppConfig } from './config/config.js';

export const LOGGER = Symbol('LOGGER');

/** Settings, the logger, the object-access checks, the registry-change events and the job claims, available to every feature module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig, log: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: log },
        AccessPolicy,
        AccessService,
        RegistryChanges,
      ],
      exports: [APP_CONFIG, LOGGER, AccessPolicy, AccessService, RegistryChanges],
    };
  }
}
