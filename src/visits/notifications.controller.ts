import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { PageQuery } from '../common/http/pagination.js';
import { NotificationDto, NotificationPageDto, WebhookDto, WebhookResultDto } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('notifications')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No or bad token' })
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiOperation({ summary: 'The caller’s in-app inbox, newest first, with the unread count' })
  @ApiOkResponse({ type: NotificationPageDto })
  inbox(@CurrentUser() actor: Actor, @Query() q: PageQuery): Promise<NotificationPageDto> {
    return this.notifications.inbox(actor, q);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read (again: no change)' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ type: ErrorResponse })
  read(@CurrentUser() actor: Actor, @UuidParam('id', 'Notification') id: string): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }

  @Put('webhook')
  @Roles('family')
  @ApiOperation({ summary: 'Where the family account’s notifications are POSTed, signed with the secret (X-Care-Signature)' })
  @ApiOkResponse({ type: WebhookResultDto })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'WEBHOOK_URL_PRIVATE: the address points into the service’s own network' })
  myWebhook(@CurrentUser() actor: Actor, @Body() dto: WebhookDto): Promise<WebhookResultDto> {
    return this.notifications.setMyWebhook(actor, dto);
  }
}
