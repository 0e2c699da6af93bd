import { Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { notFound } from '../common/errors/domain-error.js';
import { offsetOf } from '../common/http/pagination.js';
import { dayStart, toShanghaiIso } from '../common/shanghai-time.js';
import type {
  AssignmentDto,
  FeedbackSummaryDto,
  HistoryEntryDto,
  OrderDetailDto,
  OrderListItemDto,
  OrderPageDto,
  OrderQuery,
} from './dto/order.dto.js';
import { toOrderDto } from './order-row.js';
import { OrdersRepository, type OrderFilter } from './orders.repository.js';

/** Reading orders: one order with its history, and lists limited to what the caller may see. */
@Injectable()
export class OrdersQueryService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly access: AccessService,
  ) {}

  async get(actor: Actor, orderId: string): Promise<OrderDetailDto> {
    const order = await this.orders.byId(orderId);
    if (!order) throw notFound('Order');
    await this.access.policy.require(actor, 'order.read', order.id);
    const history = await this.orders.historyOf(order.id);
    return {
      ...toOrderDto(order),
      assignment: await this.assignmentOf(order.id),
      feedback: await this.feedbackOf(order.id),
      history: history.map((h): HistoryEntryDto => ({
        at: toShanghaiIso(h.at.getTime()),
        from: h.from_status,
        to: h.to_status,
        by: h.by_user,
        reason: h.reason,
      })),
    };
  }

  private async feedbackOf(orderId: string): Promise<FeedbackSummaryDto | null> {
    return (await this.orders.feedbackOf(orderId)) ?? null;
  }

  private async assignmentOf(orderId: string): Promise<AssignmentDto | null> {
    const a = await this.orders.assignmentOf(orderId);
    if (!a) return null;
    return {
      caregiverId: a.caregiver_id,
      caregiverName: a.name,
      plannedStart: toShanghaiIso(a.planned_start.getTime()),
      plannedEnd: toShanghaiIso(a.planned_end.getTime()),
      explanation: a.explanation,
      explanationZh: a.explanation_zh,
    };
  }

  async list(actor: Actor, q: OrderQuery): Promise<OrderPageDto> {
    const filters: OrderFilter[] = [...this.access.policy.orderScope(actor)];
    const add = (sql: string, value: unknown) => filters.push({ sql, value });
    if (q.residentId) add('o.resident_id = ?', q.residentId);
    if (q.facilityId) add('o.facility_id = ?', q.facilityId);
    if (q.status) add('o.status = ?', q.status);
    if (q.from) add('o.slot_start >= ?', new Date(dayStart(q.from)));
    if (q.to) add('o.slot_start < ?', new Date(dayStart(q.to) + 86_400_000));
    const { total, rows } = await this.orders.page(filters, q.pageSize, offsetOf(q));
    const items = rows.map((row): OrderListItemDto => ({
      ...toOrderDto(row),
      residentName: row.resident_name,
      visitAddress: row.visit_address,
      assignment: row.a_caregiver_id
        ? {
            caregiverId: row.a_caregiver_id,
            caregiverName: row.a_caregiver_name as string,
            plannedStart: toShanghaiIso((row.a_planned_start as Date).getTime()),
            plannedEnd: toShanghaiIso((row.a_planned_end as Date).getTime()),
            explanation: row.a_explanation as string,
            explanationZh: row.a_explanation_zh as string,
          }
        : null,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
