import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { BookingService } from './booking.service.js';
import {
  CancelOrderDto,
  CreateOrderDto,
  OrderDetailDto,
  OrderDto,
  OrderPageDto,
  OrderQuery,
  QuoteDto,
  QuoteQuery,
  RescheduleOrderDto,
} from './dto/order.dto.js';
import { IdempotencyService, requestHash } from './idempotency.service.js';
import { OrderChangesService } from './order-changes.service.js';
import { OrdersQueryService } from './orders-query.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

const BOOKERS = ['senior', 'family', 'centre_staff', 'admin'] as const;
const READERS = ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'] as const;

/** Who may book for whom: the role, then the resident (a family link must allow booking). */
const BOOKING_FOR = {
  403: 'FORBIDDEN: a role that does not book, or a family link that does not allow booking',
  404: 'NOT_FOUND: no such resident, or one the caller may not see',
};
const CHANGING_FOR = { 403: 'FORBIDDEN: a role that does not book, or a family link that does not allow changing bookings' };

@SignedInApi('orders')
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly booking: BookingService,
    private readonly changes: OrderChangesService,
    private readonly query: OrdersQueryService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1-255 characters; the same key and body return the first response again',
  })
  @ApiRoute({
    roles: BOOKERS,
    summary: 'Book one slot for one resident (waitlist: true joins the waitlist of a full slot)',
    created: OrderDto,
    errors: {
      ...BOOKING_FOR,
      409: 'SLOT_FULL, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_IN_PROGRESS',
      422: 'A booking rule: SERVICE_NOT_OFFERED, SLOT_IN_PAST, OUTSIDE_HORIZON, ORDER_OVERLAP, OUTSIDE_CATCHMENT, LOCATION_REQUIRED, CARE_LEVEL_TOO_LOW, SLOT_UNKNOWN',
    },
  })
  async create(
    @CurrentUser() actor: Actor,
    @Body() dto: CreateOrderDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<unknown> {
    const result = await this.idempotency.run(
      actor,
      key,
      () => requestHash('POST /orders', dto),
      async (m) => ({
        status: 201,
        body: await this.booking.book(actor, dto, m),
      }),
    );
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  // Before GET /orders/:id, so that "quote" is not taken for an order id.
  @Get('quote')
  @ApiRoute({
    roles: BOOKERS,
    summary: 'What booking this slot would cost the resident now: the price split, whether the slot has room, the allowance left',
    ok: QuoteDto,
    errors: { ...BOOKING_FOR, 422: 'The same booking rules as POST /orders' },
  })
  quote(@CurrentUser() actor: Actor, @Query() q: QuoteQuery): Promise<QuoteDto> {
    return this.booking.quote(actor, q);
  }

  @Get(':id')
  @ApiRoute({ roles: READERS, summary: 'One order with its assignment and status history', ok: OrderDetailDto })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string): Promise<OrderDetailDto> {
    return this.query.get(actor, id);
  }

  @Get()
  @ApiRoute({ roles: READERS, summary: 'Orders the caller may see, by slot start', ok: OrderPageDto })
  list(@CurrentUser() actor: Actor, @Query() q: OrderQuery): Promise<OrderPageDto> {
    return this.query.list(actor, q);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiRoute({
    roles: BOOKERS,
    summary: 'Cancel with a reason; frees the place and promotes the waitlist',
    ok: OrderDto,
    errors: {
      ...CHANGING_FOR,
      409: 'INVALID_TRANSITION: the order can no longer be cancelled',
      422: 'CUTOFF_PASSED: a home visit too close to its start (the centre can still cancel it)',
    },
  })
  cancel(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: CancelOrderDto): Promise<OrderDto> {
    return this.changes.cancel(actor, id, dto.reason);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @ApiRoute({
    roles: BOOKERS,
    summary: 'Move to another slot of the same service and facility, atomically',
    ok: OrderDto,
    errors: {
      ...CHANGING_FOR,
      409: 'INVALID_TRANSITION, SLOT_FULL (the booking is unchanged)',
      422: 'SLOT_IN_PAST, OUTSIDE_HORIZON, SLOT_UNKNOWN, CUTOFF_PASSED',
    },
  })
  reschedule(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: RescheduleOrderDto): Promise<OrderDto> {
    return this.changes.reschedule(actor, id, dto.slotStart, dto.reason);
  }
}
