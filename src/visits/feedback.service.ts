import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { Resident } from '../people/resident.entity.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import type { FeedbackDto, FeedbackResultDto } from './dto/visit.dto.js';
import { VisitsRepository } from './visits.repository.js';

/** The senior or a linked family member rates a completed visit, once (the primary key holds it). */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly db: DataSource,
    private readonly visits: VisitsRepository,
    private readonly access: AccessService,
  ) {}

  async give(actor: Actor, orderId: string, dto: FeedbackDto): Promise<FeedbackResultDto> {
    return this.db.transaction(async (m) => {
      const order = await this.visits.orderToRate(m, orderId);
      const resident = order ? await m.findOneBy(Resident, { id: order.resident_id }) : null;
      if (!order || !resident || !(await this.access.canSeeResident(actor, resident, m))) throw notFound('Order');
      if (order.status !== 'completed')
        throw new DomainError('ORDER_NOT_COMPLETED', `Feedback is for completed visits; this one is ${order.status}`);
      const r = await this.visits.insertFeedback(m, {
        orderId: order.id,
        rating: dto.rating,
        comment: dto.comment ?? null,
        by: actor.userId,
      });
      if (!r) throw new DomainError('FEEDBACK_EXISTS', 'This visit has already been rated; each visit is rated once');
      return { orderId: r.order_id, rating: r.rating, comment: r.comment, by: r.by_user, at: toShanghaiIso(r.at.getTime()) };
    });
  }
}
