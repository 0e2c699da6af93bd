import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { CheckInService } from './check-in.service.js';
import { FeedbackService } from './feedback.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { Outbox } from './outbox.js';
import { OutboxRepository } from './outbox.repository.js';
import { RemindersJob } from './reminders.job.js';
import { VisitCardsRepository } from './visit-cards.repository.js';
import { VisitCardsService } from './visit-cards.service.js';
import { VisitStaffController } from './visit-staff.controller.js';
import { VisitStaffService } from './visit-staff.service.js';
import { VisitsWatchJob } from './visits-watch.job.js';
import { VisitsController } from './visits.controller.js';
import { VisitsRepository } from './visits.repository.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WorklistService } from './worklist.service.js';

/** Worklists, check-in/out, feedback, the late/missed watch, and notifications with their webhooks. */
@Module({
  imports: [OrdersModule],
  controllers: [VisitsController, VisitStaffController, NotificationsController],
  providers: [
    VisitsRepository,
    OutboxRepository,
    NotificationsRepository,
    VisitCardsRepository,
    WorklistService,
    CheckInService,
    FeedbackService,
    VisitStaffService,
    VisitCardsService,
    NotificationsService,
    Outbox,
    VisitsWatchJob,
    RemindersJob,
    WebhookDispatcher,
  ],
  exports: [Outbox, VisitCardsService],
})
export class VisitsModule {}
