import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService, isUuid } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { Resident } from '../people/resident.entity.js';
import { toShanghaiIso } from '../common/shanghai-time.js';
import type { FeedbackDto, FeedbackResultDto } from './dto/visit.dto.js';

/** The senior or a linked family member rates a completed visit, once (the primary key holds it). */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async give(actor: Actor, orderId: string, dto: FeedbackDto): Promise<FeedbackResultDto> {
    return this.db.transaction(async (m) => {
      const [order] = isUuid(orderId)
        ? ((await m.query(`SELECT id, resident_id, status FROM orders WHERE id = $1`, [orderId])) as { id: string; resident_id: string; status: string }[])
        : [];
      const resident = order ? await m.findOneBy(Resident, { id: order.resident_id }) : null;
      if (!order || !resident || !(await this.access.canSeeResident(actor, resident, m))) throw notFound('Order');
      if (order.status !== 'completed') throw new DomainError('ORDER_NOT_COMPLETED', `Feedback is for completed visits; this one is ${order.status}`);
      const rows = (await m.query(
        `INSERT INTO feedback (order_id, rating, comment, by_user) VALUES ($1, $2, $3, $4)
         ON CONFLICT (order_id) DO NOTHING RETURNING order_id, rating, comment, by_user, at`,
        [order.id, dto.rating, dto.comment ?? null, actor.userId],
      )) as { order_id: string; rating: number; comment: string | null; by_user: string; at: Date }[];
      if (rows.length === 0) throw new DomainError('FEEDBACK_EXISTS', 'This visit has already been rated; each visit is rated once');
      const r = rows[0];
      return { orderId: r.order_id, rating: r.rating, comment: r.comment, by: r.by_user, at: toShanghaiIso(r.at.getTime()) };
    });
  }
}
