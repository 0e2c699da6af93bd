import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { BookingFactsCache } from './booking-facts-cache.js';
import { BookingService } from './booking.service.js';
import { IdempotencyService } from './idempotency.service.js';
import { MealsController } from './meals.controller.js';
import { MealsService } from './meals.service.js';
import { OrderChangesService } from './order-changes.service.js';
import { OrderLifecycle } from './order-lifecycle.js';
import { OrdersQueryService } from './orders-query.service.js';
import { OrdersController } from './orders.controller.js';
import { OrdersJob } from './orders.job.js';
import { OrdersRepository } from './orders.repository.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { SeriesRepository } from './series.repository.js';
import { PolicyFeed } from './policy-feed.js';
import { SeriesController } from './series.controller.js';
import { SeriesService } from './series.service.js';

@Module({
  imports: [AuthModule],
  controllers: [OrdersController, MealsController, SeriesController],
  providers: [
    OrdersRepository,
    SeriesRepository,
    IdempotencyRepository,
    OrderLifecycle,
    PolicyFeed,
    BookingFactsCache,
    BookingService,
    OrderChangesService,
    OrdersQueryService,
    IdempotencyService,
    MealsService,
    SeriesService,
    OrdersJob,
  ],
  exports: [OrderLifecycle, BookingService, OrderChangesService, OrdersQueryService],
})
export class OrdersModule {}
