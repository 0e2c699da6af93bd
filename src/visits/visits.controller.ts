import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { CheckInService } from './check-in.service.js';
import { CheckInDto, CheckOutDto, DateQuery, FeedbackDto, FeedbackResultDto, VisitDto, WorklistItemDto } from './dto/visit.dto.js';
import { FeedbackService } from './feedback.service.js';
import { WorklistService } from './worklist.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

/** The caregiver's day and the visit itself; the senior's or family's rating afterwards. */
@ApiTags('visits')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No or bad token' })
@ApiForbiddenResponse({ type: ErrorResponse, description: 'This role may not use the route' })
@Controller()
export class VisitsController {
  constructor(
    private readonly worklist: WorklistService,
    private readonly checkIns: CheckInService,
    private readonly feedback: FeedbackService,
  ) {}

  @Get('caregivers/me/visits')
  @Roles('caregiver')
  @ApiOperation({ summary: 'The calling caregiver’s visits of a day, in planned order, with travel minutes from the previous stop' })
  @ApiOkResponse({ type: [WorklistItemDto] })
  myVisits(@CurrentUser() actor: Actor, @Query() q: DateQuery): Promise<WorklistItemDto[]> {
    return this.worklist.myDay(actor, q.date);
  }

  @Post('orders/:id/check-in')
  @HttpCode(200)
  @Roles('caregiver')
  @ApiOperation({
    summary: 'Check in at the door: assigned → in_progress',
    description: 'Send the device’s fix (lat and lng) and/or today’s code from the service card. A fix farther than CHECK_IN_MAX_DISTANCE_M (300 m) is accepted but flagged for staff; the right code verifies the visit whatever the fix.',
  })
  @ApiOkResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'NOT_ASSIGNED_TO_YOU: no such order, or not assigned to the caller' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'INVALID_TRANSITION (already checked in, or not assigned)' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'CHECK_IN_TOO_EARLY, VISIT_CODE_WRONG' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'TOO_MANY_ATTEMPTS: too many wrong card codes for this visit' })
  checkIn(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: CheckInDto): Promise<VisitDto> {
    return this.checkIns.checkIn(actor, id, dto);
  }

  @Post('orders/:id/check-out')
  @HttpCode(200)
  @Roles('caregiver')
  @ApiOperation({ summary: 'Check out: in_progress → completed, with the actual start, end and minutes' })
  @ApiOkResponse({ type: VisitDto })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'NOT_ASSIGNED_TO_YOU' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'CHECK_OUT_WITHOUT_CHECK_IN, INVALID_TRANSITION' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'VISIT_CODE_WRONG' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'TOO_MANY_ATTEMPTS: too many wrong card codes for this visit' })
  checkOut(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: CheckOutDto): Promise<VisitDto> {
    return this.checkIns.checkOut(actor, id, dto);
  }

  @Post('orders/:id/feedback')
  @Roles('senior', 'family')
  @ApiOperation({ summary: 'Rate a completed visit 1-5 with a comment, once (the senior or a linked family member)' })
  @ApiCreatedResponse({ type: FeedbackResultDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'FEEDBACK_EXISTS, ORDER_NOT_COMPLETED' })
  giveFeedback(@CurrentUser() actor: Actor, @UuidParam('id', 'Order') id: string, @Body() dto: FeedbackDto): Promise<FeedbackResultDto> {
    return this.feedback.give(actor, id, dto);
  }
}
