import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService, isUuid } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { notFound } from '../common/errors/domain-error.js';
import { offsetOf } from '../common/http/pagination.js';
import { dayStart, toShanghaiIso } from '../common/shanghai-time.js';
import type { AssignmentDto, FeedbackSummaryDto, HistoryEntryDto, OrderDetailDto, OrderListItemDto, OrderPageDto, OrderQuery } from './dto/order.dto.js';
import { toOrderDto, type OrderRow } from './order-row.js';
import { ordersRepository as repo } from './orders.repository.js';

/** The columns a list row joins in beside the order's own. */
interface ListExtras {
  resident_name: string;
  visit_address: string;
  a_caregiver_id: string | null;
  a_caregiver_name: string | null;
  a_planned_start: Date | null;
  a_planned_end: Date | null;
  a_explanation: string | null;
  a_explanation_zh: string | null;
}

/** Reading orders: one order with its history, and lists limited to what the caller may see. */
@Injectable()
export class OrdersQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async get(actor: Actor, orderId: string): Promise<OrderDetailDto> {
    const order = isUuid(orderId) ? await repo.get(this.db.manager, orderId) : undefined;
    if (!order) throw notFound('Order');
    await this.access.policy.require(actor, 'order.read', order.id);
    const history = (await this.db.query(
      `SELECT at, from_status, to_status, by_user, reason FROM order_history WHERE order_id = $1 ORDER BY id`,
      [order.id],
    )) as { at: Date; from_status: string | null; to_status: string; by_user: string | null; reason: string | null }[];
    return {
      ...toOrderDto(order),
      assignment: await this.assignmentOf(order),
      feedback: await this.feedbackOf(order.id),
      history: history.map(
        (h): HistoryEntryDto => ({ at: toShanghaiIso(h.at.getTime()), from: h.from_status, to: h.to_status, by: h.by_user, reason: h.reason }),
      ),
    };
  }

  private async feedbackOf(orderId: string): Promise<FeedbackSummaryDto | null> {
    const rows = (await this.db.query('SELECT rating, comment FROM feedback WHERE order_id = $1', [orderId])) as FeedbackSummaryDto[];
    return rows[0] ?? null;
  }

  private async assignmentOf(order: OrderRow): Promise<AssignmentDto | null> {
    const rows = (await this.db.query(
      `SELECT a.caregiver_id, c.name, a.planned_start, a.planned_end, a.explanation, COALESCE(a.explanation_zh, a.explanation) AS explanation_zh
         FROM assignments a JOIN caregivers c ON c.id = a.caregiver_id WHERE a.order_id = $1`,
      [order.id],
    )) as { caregiver_id: string; name: string; planned_start: Date; planned_end: Date; explanation: string; explanation_zh: string }[];
    const a = rows[0];
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
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    for (const p of this.access.policy.orderScope(actor)) add(p.sql, p.value);
    if (q.residentId) add('o.resident_id = ?', q.residentId);
    if (q.facilityId) add('o.facility_id = ?', q.facilityId);
    if (q.status) add('o.status = ?', q.status);
    if (q.from) add('o.slot_start >= ?', new Date(dayStart(q.from)));
    if (q.to) add('o.slot_start < ?', new Date(dayStart(q.to) + 86_400_000));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM orders o ${clause}`, params)) as { total: number }[];
    const rows = (await this.db.query(
      `SELECT o.*, r.name AS resident_name, COALESCE(o.address, r.address) AS visit_address, a.caregiver_id AS a_caregiver_id, c.name AS a_caregiver_name,
              a.planned_start AS a_planned_start, a.planned_end AS a_planned_end, a.explanation AS a_explanation, COALESCE(a.explanation_zh, a.explanation) AS a_explanation_zh
         FROM orders o JOIN residents r ON r.id = o.resident_id
              LEFT JOIN assignments a ON a.order_id = o.id LEFT JOIN caregivers c ON c.id = a.caregiver_id
         ${clause} ORDER BY o.slot_start, o.id LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`,
      params,
    )) as (OrderRow & ListExtras)[];
    const items = rows.map(
      (row): OrderListItemDto => ({
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
      }),
    );
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
