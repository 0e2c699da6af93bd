import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { OrderDto } from '../orders/dto/order.dto.js';
import { WebhookDto, WebhookResultDto } from './dto/notification.dto.js';
import { DateRangeQuery, MonthQuery, ReasonDto, VisitAlertDto, VisitCodesDto, VisitDto } from './dto/visit.dto.js';
import { NotificationsService } from './notifications.service.js';
import { VisitCardsService } from './visit-cards.service.js';
import { VisitStaffService } from './visit-staff.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

/** The facility's staff (centre staff of their own facility, admin) looking after visits. */
@SignedInApi('visits', { 404: 'Not found, or not of the caller’s facility' })
@Controller()
export class VisitStaffController {
  constructor(
    private readonly staff: VisitStaffService,
    private readonly cards: VisitCardsService,
    private readonly notifications: NotificationsService,
  ) {}

  @Post('orders/:id/confirm-visit')
  @HttpCode(200)
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Vouch for a visit that has neither a near fix nor the code (e.g. by calling the senior); the reason is recorded',
    ok: VisitDto,
    errors: { 409: 'VISIT_NOT_CHECKED_IN, VISIT_ALREADY_VERIFIED' },
  })
  confirmVisit(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: ReasonDto): Promise<VisitDto> {
    return this.staff.confirmVisit(actor, id, dto.reason);
  }

  @Post('orders/:id/no-show')
  @HttpCode(200)
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'The senior was not at home: assigned → no_show, with the reason; the family is told',
    ok: OrderDto,
    errors: { 409: 'INVALID_TRANSITION', 422: 'NO_SHOW_TOO_EARLY: the planned start has not passed yet' },
  })
  noShow(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: ReasonDto): Promise<OrderDto> {
    return this.staff.noShow(actor, id, dto.reason);
  }

  @Get('facilities/:id/visit-alerts')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Far check-ins (with the distance), unverified, late and missed visits of the facility, by planned date',
    ok: [VisitAlertDto],
  })
  alerts(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') id: string, @Query() q: DateRangeQuery): Promise<VisitAlertDto[]> {
    return this.staff.alerts(actor, id, q);
  }

  @Get('residents/:id/visit-codes')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'The daily visit codes of a month, to print on the resident’s service card',
    ok: VisitCodesDto,
  })
  visitCodes(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') id: string, @Query() q: MonthQuery): Promise<VisitCodesDto> {
    return this.cards.monthCodes(actor, id, q.month);
  }

  @Put('facilities/:id/webhook')
  @ApiRoute({
    roles: ['centre_staff', 'admin'],
    summary: 'Where the facility’s alerts are POSTed, signed with the secret (X-Care-Signature)',
    ok: WebhookResultDto,
    errors: { 422: 'WEBHOOK_URL_PRIVATE: the address points into the service’s own network' },
  })
  facilityWebhook(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Facility') id: string,
    @Body() dto: WebhookDto,
  ): Promise<WebhookResultDto> {
    return this.notifications.setFacilityWebhook(actor, id, dto);
  }
}
