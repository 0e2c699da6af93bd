import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CheckInService } from './check-in.service.js';
import { CheckInDto, CheckOutDto, DateQuery, FeedbackDto, FeedbackResultDto, VisitDto, WorklistItemDto } from './dto/visit.dto.js';
import { FeedbackService } from './feedback.service.js';
import { WorklistService } from './worklist.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

const TOO_MANY_CODES = 'TOO_MANY_ATTEMPTS: too many wrong card codes for this visit';

/** The caregiver's day and the visit itself; the senior's or family's rating afterwards. */
@SignedInApi('visits')
@Controller()
export class VisitsController {
  constructor(
    private readonly worklist: WorklistService,
    private readonly checkIns: CheckInService,
    private readonly feedback: FeedbackService,
  ) {}

  @Get('caregivers/me/visits')
  @ApiRoute({
    roles: ['caregiver'],
    summary: 'The calling caregiver’s visits of a day, in planned order, with travel minutes from the previous stop',
    ok: [WorklistItemDto],
  })
  myVisits(@CurrentUser() actor: Actor, @Query() q: DateQuery): Promise<WorklistItemDto[]> {
    return this.worklist.myDay(actor, q.date);
  }

  @Post('orders/:id/check-in')
  @HttpCode(200)
  @ApiRoute({
    roles: ['caregiver'],
    summary: 'Check in at the door: assigned → in_progress',
    description:
      'Send the device’s fix (lat and lng) and/or today’s code from the service card. A fix farther than CHECK_IN_MAX_DISTANCE_M (300 m) is accepted but flagged for staff; the right code verifies the visit whatever the fix.',
    ok: VisitDto,
    errors: {
      404: 'NOT_ASSIGNED_TO_YOU: no such order, or not assigned to the caller',
      409: 'INVALID_TRANSITION (already checked in, or not assigned)',
      422: 'CHECK_IN_TOO_EARLY, VISIT_CODE_WRONG',
      429: TOO_MANY_CODES,
    },
  })
  checkIn(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: CheckInDto): Promise<VisitDto> {
    return this.checkIns.checkIn(actor, id, dto);
  }

  @Post('orders/:id/check-out')
  @HttpCode(200)
  @ApiRoute({
    roles: ['caregiver'],
    summary: 'Check out: in_progress → completed, with the actual start, end and minutes',
    ok: VisitDto,
    errors: {
      404: 'NOT_ASSIGNED_TO_YOU',
      409: 'CHECK_OUT_WITHOUT_CHECK_IN, INVALID_TRANSITION',
      422: 'VISIT_CODE_WRONG',
      429: TOO_MANY_CODES,
    },
  })
  checkOut(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: CheckOutDto): Promise<VisitDto> {
    return this.checkIns.checkOut(actor, id, dto);
  }

  @Post('orders/:id/feedback')
  @ApiRoute({
    roles: ['senior', 'family'],
    summary: 'Rate a completed visit 1-5 with a comment, once (the senior or a linked family member)',
    created: FeedbackResultDto,
    errors: { 409: 'FEEDBACK_EXISTS, ORDER_NOT_COMPLETED' },
  })
  giveFeedback(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: FeedbackDto): Promise<FeedbackResultDto> {
    return this.feedback.give(actor, id, dto);
  }
}
