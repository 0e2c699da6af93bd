import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { PageQuery } from '../common/http/pagination.js';
import { NotificationDto, NotificationPageDto, WebhookDto, WebhookResultDto } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('notifications')
@Controller('me')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('notifications')
  @ApiRoute({ summary: 'The caller’s in-app inbox, newest first, with the unread count', ok: NotificationPageDto })
  inbox(@CurrentUser() actor: Actor, @Query() q: PageQuery): Promise<NotificationPageDto> {
    return this.notifications.inbox(actor, q);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiRoute({ summary: 'Mark one notification read (again: no change)', ok: NotificationDto })
  read(@CurrentUser() actor: Actor, @UuidParam('id', 'Notification') id: string): Promise<NotificationDto> {
    return this.notifications.markRead(actor, id);
  }

  @Put('webhook')
  @ApiRoute({
    roles: ['family'],
    summary: 'Where the family account’s notifications are POSTed, signed with the secret (X-Care-Signature)',
    ok: WebhookResultDto,
    errors: { 422: 'WEBHOOK_URL_PRIVATE: the address points into the service’s own network' },
  })
  myWebhook(@CurrentUser() actor: Actor, @Body() dto: WebhookDto): Promise<WebhookResultDto> {
    return this.notifications.setMyWebhook(actor, dto);
  }
}
