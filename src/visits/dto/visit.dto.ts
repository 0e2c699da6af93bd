import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ORDER_STATUSES, type OrderStatus } from '../../orders/order-status.js';

const NUMBER = { allowNaN: false, allowInfinity: false };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The device's fix (both or neither) and/or the daily code read from the senior's service card. */
export class CheckInDto {
  @ApiPropertyOptional({ example: 25.791, minimum: -90, maximum: 90 })
  @ValidateIf((o: CheckInDto) => o.lat !== undefined || o.lng !== undefined)
  @IsNumber(NUMBER, { message: 'lat must be a number of degrees north; send lat and lng together' })
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ example: 113.031, minimum: -180, maximum: 180 })
  @ValidateIf((o: CheckInDto) => o.lat !== undefined || o.lng !== undefined)
  @IsNumber(NUMBER, { message: 'lng must be a number of degrees east; send lat and lng together' })
  @Min(-180)
  @Max(180)
  lng?: number;

  @ApiPropertyOptional({ example: '482913', description: 'Today’s 6-digit code from the resident’s service card' })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits printed on the service card for today' })
  code?: string;
}

export class CheckOutDto extends CheckInDto {
  @ApiPropertyOptional({ maxLength: 1000, example: '已完成清洁，老人精神良好' }) @IsOptional() @IsString() @Length(0, 1000) notes?: string;
}

export class ReasonDto {
  @ApiProperty({ example: '老人无手机，电话回访确认护理员已上门', maxLength: 200 }) @IsString() @Length(1, 200) reason: string;
}

export class FeedbackDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5 })
  @IsInt({ message: 'rating must be a whole number from 1 to 5' })
  @Min(1)
  @Max(5)
  rating: number;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @Length(0, 500) comment?: string;
}

export class DateQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Service date (Asia/Shanghai); default today' })
  @IsOptional()
  @Matches(DATE, { message: 'date must be a date YYYY-MM-DD' })
  date?: string;
}

export class DateRangeQuery {
  @ApiPropertyOptional({ example: '2026-12-01', description: 'First date (Asia/Shanghai); default today' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'Last date (Asia/Shanghai); default the first' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

export class MonthQuery {
  @ApiProperty({ example: '2026-12' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month: string;
}

export class PointDto {
  @ApiProperty() lat: number;
  @ApiProperty() lng: number;
}

export class VisitStepDto {
  @ApiProperty({ example: '2026-12-01T09:02:00+08:00' }) at: string;
  @ApiPropertyOptional({ type: PointDto, nullable: true }) location: PointDto | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Metres from the visit’s location' }) distanceM: number | null;
  @ApiPropertyOptional({ nullable: true, enum: ['location', 'code', 'staff'], description: 'null: not verified yet' }) verifiedBy:
    string | null;
  @ApiProperty({ description: 'More than the allowed distance away: shown to the facility’s staff' }) flaggedFar: boolean;
}

export class StaffConfirmationDto {
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) by: string;
  @ApiProperty() at: string;
}

export class VisitDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ format: 'uuid' }) caregiverId: string;
  @ApiProperty() plannedStart: string;
  @ApiPropertyOptional({ type: VisitStepDto, nullable: true }) checkIn: VisitStepDto | null;
  @ApiPropertyOptional({ type: VisitStepDto, nullable: true }) checkOut: VisitStepDto | null;
  @ApiPropertyOptional({ nullable: true, type: String }) notes: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The check-in time' }) actualStart: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The check-out time' }) actualEnd: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) actualMinutes: number | null;
  @ApiPropertyOptional({ type: StaffConfirmationDto, nullable: true }) staffConfirmation: StaffConfirmationDto | null;
}

export class WorklistResidentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) phone: string | null;
  @ApiProperty() careLevel: number;
  @ApiProperty({ type: [String], example: ['low_salt', 'soft'] }) dietaryNeeds: string[];
}

export class WorklistFamilyDto {
  @ApiProperty() name: string;
  @ApiProperty({ example: '女儿' }) relationship: string;
  @ApiProperty({ example: '13907351234' }) phone: string;
}

export class WorklistServiceDto {
  @ApiProperty({ example: 'cleaning.home' }) code: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ enum: ['facility', 'home'] }) place: string;
  @ApiProperty() durationMinutes: number;
}

export class WorklistItemDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty() plannedStart: string;
  @ApiProperty() plannedEnd: string;
  @ApiProperty({ description: 'The earliest check-in: CHECK_IN_EARLY_MINUTES before plannedStart' }) checkInOpensAt: string;
  @ApiProperty({ description: 'Minutes of travel from the previous stop (or from home base for the first)' }) travelMinutes: number;
  @ApiProperty({ type: WorklistResidentDto }) resident: WorklistResidentDto;
  @ApiPropertyOptional({ type: WorklistFamilyDto, nullable: true, description: 'A linked family member with a phone, to call at the door' })
  family: WorklistFamilyDto | null;
  @ApiProperty({ type: WorklistServiceDto }) service: WorklistServiceDto;
  @ApiProperty() address: string;
  @ApiPropertyOptional({ type: PointDto, nullable: true }) location: PointDto | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Care notes given with the booking' }) notes: string | null;
  @ApiPropertyOptional({ type: VisitStepDto, nullable: true }) checkIn: VisitStepDto | null;
  @ApiPropertyOptional({ type: VisitStepDto, nullable: true }) checkOut: VisitStepDto | null;
}

export class FeedbackResultDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty() rating: number;
  @ApiPropertyOptional({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'uuid' }) by: string;
  @ApiProperty() at: string;
}

export const ALERT_KINDS = ['far_check_in', 'unverified', 'late', 'missed'] as const;

export class VisitAlertDto {
  @ApiProperty({ enum: ALERT_KINDS }) kind: (typeof ALERT_KINDS)[number];
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty() at: string;
  @ApiProperty() plannedStart: string;
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ format: 'uuid' }) caregiverId: string;
  @ApiProperty() caregiverName: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) distanceM: number | null;
}

export class VisitCodeDto {
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: '482913' }) code: string;
}

export class VisitCodesDto {
  @ApiProperty({ format: 'uuid' }) residentId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ type: [VisitCodeDto] }) codes: VisitCodeDto[];
}
