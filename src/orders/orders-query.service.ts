import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { notFound } from '../common/errors/domain-error.js';
import { offsetOf } from '../common/http/pagination.js';
import { dayStart, toShanghaiIso } from '../common/shanghai-time.js';
import type { AssignmentDto, HistoryEntryDto, OrderDetailDto, OrderPageDto, OrderQuery } from './dto/order.dto.js';
import { ordersRepository as repo, toOrderDto, type OrderRow } from './orders.repository.js';

/** Reading orders: one order with its history, and lists limited to what the caller may see. */
@Injectable()
export class OrdersQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
  ) {}

  async get(actor: Actor, orderId: string): Promise<OrderDetailDto> {
    const order = /^[0-9a-f-]{36}$/i.test(orderId) ? await repo.get(this.db.manager, orderId) : undefined;
    if (!order) throw notFound('Order');
    await this.access.requireResident(actor, order.resident_id).catch(() => {
      throw notFound('Order');
    });
    if (actor.role === 'centre_staff' && actor.facilityId !== order.facility_id) throw notFound('Order');
    const history = (await this.db.query(
      `SELECT at, from_status, to_status, by_user, reason FROM order_history WHERE order_id = $1 ORDER BY id`,
      [order.id],
    )) as { at: Date; from_status: string | null; to_status: string; by_user: string | null; reason: string | null }[];
    return {
      ...toOrderDto(order),
      assignment: await this.assignmentOf(order),
      history: history.map(
        (h): HistoryEntryDto => ({ at: toShanghaiIso(h.at.getTime()), from: h.from_status, to: h.to_status, by: h.by_user, reason: h.reason }),
      ),
    };
  }

  private async assignmentOf(order: OrderRow): Promise<AssignmentDto | null> {
    const rows = (await this.db.query(
      `SELECT a.caregiver_id, c.name, a.planned_start, a.planned_end, a.explanation
         FROM assignments a JOIN caregivers c ON c.id = a.caregiver_id WHERE a.order_id = $1`,
      [order.id],
    )) as { caregiver_id: string; name: string; planned_start: Date; planned_end: Date; explanation: string }[];
    const a = rows[0];
    if (!a) return null;
    return {
      caregiverId: a.caregiver_id,
      caregiverName: a.name,
      plannedStart: toShanghaiIso(a.planned_start.getTime()),
      plannedEnd: toShanghaiIso(a.planned_end.getTime()),
      explanation: a.explanation,
    };
  }

  async list(actor: Actor, q: OrderQuery): Promise<OrderPageDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (actor.role === 'senior') add('o.resident_id = ?', actor.residentId);
    if (actor.role === 'family') add('o.resident_id IN (SELECT resident_id FROM family_links WHERE user_id = ?)', actor.userId);
    if (actor.role === 'centre_staff') add('o.facility_id = ?', actor.facilityId);
    if (q.residentId) add('o.resident_id = ?', q.residentId);
    if (q.facilityId) add('o.facility_id = ?', q.facilityId);
    if (q.status) add('o.status = ?', q.status);
    if (q.from) add('o.slot_start >= ?', new Date(dayStart(q.from)));
    if (q.to) add('o.slot_start < ?', new Date(dayStart(q.to) + 86_400_000));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM orders o ${clause}`, params)) as { total: number }[];
    const rows = (await this.db.query(
      `SELECT o.* FROM orders o ${clause} ORDER BY o.slot_start, o.id LIMIT ${q.pageSize} OFFSET ${offsetOf(q)}`,
      params,
    )) as OrderRow[];
    return { items: rows.map(toOrderDto), total, page: q.page, pageSize: q.pageSize };
  }
}
