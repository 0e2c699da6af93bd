import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../common/http/pagination.js';
import { ORDER_STATUSES, type OrderStatus } from '../order-status.js';
import { IsIsoDate, IsIsoInstant } from '../../common/http/validators.js';

export class LocationDto {
  @ApiProperty({ example: 25.79 }) @IsNumber() @IsLatitude() lat: number;
  @ApiProperty({ example: 113.03 }) @IsNumber() @IsLongitude() lng: number;
}

export class CreateOrderDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') residentId: string;

  @ApiProperty({ example: 'cleaning.home' })
  @IsString()
  @Matches(/^[a-z_]+\.[a-z_]+$/, { message: 'serviceCode must be a service code such as cleaning.home (see GET /services)' })
  serviceCode: string;

  @ApiProperty({ format: 'uuid' }) @IsUUID('all') facilityId: string;

  @ApiProperty({ example: '2026-12-01T09:00:00+08:00', description: 'Start of a slot from GET /facilities/:id/availability' })
  @IsIsoInstant()
  slotStart: string;

  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @Length(0, 500) notes?: string;

  @ApiPropertyOptional({ description: 'Where the visit happens, when not at the resident’s address', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  address?: string;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiPropertyOptional({ description: 'Join the waitlist when the slot is full instead of failing with SLOT_FULL' })
  @IsOptional()
  @IsBoolean()
  waitlist?: boolean;
}

export class CancelOrderDto {
  @ApiProperty({ example: '身体不适，改天再约' }) @IsString() @Length(1, 200) reason: string;
}

export class RescheduleOrderDto {
  @ApiProperty({ example: '2026-12-02T09:00:00+08:00' })
  @IsIsoInstant()
  slotStart: string;

  @ApiPropertyOptional({ description: 'Staff only: why the cut-off is overridden' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

export class OrderQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') residentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') facilityId?: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'First service date (Asia/Shanghai)' })
  @IsOptional()
  @IsIsoDate()
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last service date (Asia/Shanghai)' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

export class FundingDto {
  @ApiProperty({ example: 'gov_purchase' }) source: string;
  @ApiProperty({ example: 3150 }) amountFen: number;
}

export class PriceDto {
  @ApiProperty() baseFen: number;
  @ApiProperty() subsidyFen: number;
  @ApiProperty() copayFen: number;
  @ApiProperty({ type: [FundingDto] }) funding: FundingDto[];
}

/** What a booking of this slot would cost, asked before booking (GET /orders/quote). */
export class QuoteQuery extends PickType(CreateOrderDto, ['residentId', 'serviceCode', 'facilityId', 'slotStart'] as const) {
  @ApiPropertyOptional({ example: 25.79, description: 'Where the visit would happen, when not at the resident’s address (with lng)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'lat must be a number' })
  @IsLatitude({ message: 'lat must be a latitude' })
  lat?: number;

  @ApiPropertyOptional({ example: 113.03, description: 'With lat' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({}, { message: 'lng must be a number' })
  @IsLongitude({ message: 'lng must be a longitude' })
  lng?: number;
}

export class QuoteDto {
  @ApiProperty({
    type: PriceDto,
    description: 'The split if booked now; for a full slot the base price, as a waitlisted order is priced only when it is confirmed',
  })
  price: PriceDto;
  @ApiProperty({ description: 'false: the slot is full now; booking it needs waitlist: true' }) slotFree: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Allowance minutes this month, per funding source, left after this booking',
    example: { gov_purchase: 510 },
  })
  allowanceMinutesLeft: Record<string, number>;
}

export class SlotTimesDto {
  @ApiProperty({ example: '2026-12-01T09:00:00+08:00' }) start: string;
  @ApiProperty({ example: '2026-12-01T10:30:00+08:00' }) end: string;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() serviceCode: string;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty({ type: SlotTimesDto }) slot: SlotTimesDto;
  @ApiProperty({ type: PriceDto }) price: PriceDto;
  @ApiProperty({ enum: ['self', 'family', 'staff'] }) channel: 'self' | 'family' | 'staff';
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) notes: string | null;
  @ApiProperty({ type: [String] }) dietaryNeeds: string[];
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) seriesId: string | null;
}

export class HistoryEntryDto {
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) by: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' }) caregiverId: string;
  @ApiProperty() caregiverName: string;
  @ApiProperty() plannedStart: string;
  @ApiProperty() plannedEnd: string;
  @ApiProperty() explanation: string;
  @ApiProperty({ description: 'The explanation in Chinese' }) explanationZh: string;
}

export class FeedbackSummaryDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) rating: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}

export class OrderDetailDto extends OrderDto {
  @ApiProperty({ type: AssignmentDto, nullable: true }) assignment: AssignmentDto | null;
  @ApiProperty({ type: [HistoryEntryDto] }) history: HistoryEntryDto[];
  @ApiProperty({ type: FeedbackSummaryDto, nullable: true, description: 'The rating of a completed visit, once given' })
  feedback: FeedbackSummaryDto | null;
}

/** A list item carries what a day board shows, so a page needs no call per order. */
export class OrderListItemDto extends OrderDto {
  @ApiProperty() residentName: string;
  @ApiProperty({ description: 'Where the visit happens: the booked address, else the resident’s' }) visitAddress: string;
  @ApiProperty({ type: AssignmentDto, nullable: true }) assignment: AssignmentDto | null;
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderListItemDto] }) items: OrderListItemDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
