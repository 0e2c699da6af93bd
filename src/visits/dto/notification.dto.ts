import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, Length } from 'class-validator';

export class NotificationDto {
  @ApiProperty({ format: 'uuid', description: 'Stable: a webhook receiver de-duplicates by it (X-Care-Notification-Id)' }) id: string;
  @ApiProperty({
    example: 'visit.missed',
    enum: ['visit.late', 'visit.missed', 'visit.far_check_in', 'visit.no_show', 'visit.reminder', 'attendance.no_show'],
  })
  kind: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'What happened: orderId, residentName, plannedStart and a message',
  })
  payload: Record<string, unknown>;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: 'Unread notifications in the whole inbox' }) unread: number;
}

export class WebhookDto {
  @ApiProperty({ example: 'https://example.org/care-hook', description: 'Receives POSTed JSON, signed in X-Care-Signature' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http:// or https:// address' },
  )
  @Length(1, 500)
  url: string;

  @ApiProperty({ minLength: 16, maxLength: 200, description: 'Shared secret for the HMAC-SHA256 signature; never shown again' })
  @IsString()
  @Length(16, 200, { message: 'secret must be 16 to 200 characters' })
  secret: string;
}

export class WebhookResultDto {
  @ApiProperty() url: string;
  @ApiProperty({ enum: ['facility', 'user'] }) owner: 'facility' | 'user';
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() updatedAt: string;
}
