import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { JwtModule } from '@nestjs/jwt';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CoreModule } from './core.module.js';
import type { AppConfig } from './config/config.js';
import { ChangeFeedModule } from './database/change-feed.module.js';
import { dataSourceOptions } from './database/data-source.js';
import { HealthController } from './health/health.controller.js';
import { NetworkModule } from './network/network.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { PeopleModule } from './people/people.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ResidentialModule } from './residential/residential.module.js';
import { DivisionsModule } from './divisions/divisions.module.js';
import { RostersModule } from './rosters/rosters.module.js';
import { SchedulingModule } from './scheduling/scheduling.module.js';
import { UsersModule } from './users/users.module.js';
import { VisitsModule } from './visits/visits.module.js';

export interface RuntimeSettings {
  config: AppConfig;
  databaseUrl: string;
  jwtSecret: string;
  log: Logger;
}

@Module({})
export class AppModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(settings.config, settings.log),
        TypeOrmModule.forRoot(dataSourceOptions(settings.databaseUrl, settings.config.dbPoolSize)),
        JwtModule.register({
          global: true,
          // A KeyObject: given a string, jsonwebtoken first tries it as a public key and throws, on every request.
          secret: createSecretKey(Buffer.from(settings.jwtSecret)),
          signOptions: { expiresIn: settings.config.jwtTtlSeconds, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ScheduleModule.forRoot(),
        // In-process events (the change feed's notices, registry changes), typed by their payload classes.
        EventEmitterModule.forRoot(),
        ChangeFeedModule,
        AuthModule,
        AuditModule,
        UsersModule,
        NetworkModule,
        PeopleModule,
        RostersModule,
        OrdersModule,
        VisitsModule,
        ReportsModule,
        SchedulingModule,
        ResidentialModule,
        DivisionsModule,
      ],
      controllers: [HealthController],
    };
  }
}
