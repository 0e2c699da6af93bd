import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { notFound } from '../common/errors/domain-error.js';
import { dayStart, minuteOfDay, toShanghaiIso } from '../common/shanghai-time.js';
import { LocationDto } from '../network/dto/location.dto.js';
import { OrdersRepository } from './orders.repository.js';
import { routeOrder } from './route-order.js';
import { IsIsoDate } from '../common/http/validators.js';

const SITTINGS = ['breakfast', 'lunch', 'dinner'] as const;
type Sitting = (typeof SITTINGS)[number];

/** Meal slots carry their sitting; otherwise the time of day decides it. */
export function sittingOf(slotSitting: string | null, startMs: number): Sitting {
  if (slotSitting === 'breakfast' || slotSitting === 'lunch' || slotSitting === 'dinner') return slotSitting;
  const minute = minuteOfDay(startMs);
  return minute < 10 * 60 ? 'breakfast' : minute < 15 * 60 ? 'lunch' : 'dinner';
}

export class MealsQuery {
  @ApiProperty({ example: '2026-12-01' }) @IsIsoDate() date: string;
  @ApiPropertyOptional({ enum: SITTINGS }) @IsOptional() @IsIn(SITTINGS) sitting?: Sitting;
}

class DeliveryStopDto {
  @ApiProperty() stop: number;
  @ApiProperty() orderId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ nullable: true, type: LocationDto }) location: { lat: number; lng: number } | null;
  @ApiProperty({ type: [String] }) dietaryNeeds: string[];
  @ApiProperty() slotStart: string;
}

class DinerDto {
  @ApiProperty() orderId: string;
  @ApiProperty() residentName: string;
  @ApiProperty({ type: [String] }) dietaryNeeds: string[];
}

class SittingSheetDto {
  @ApiProperty({ enum: SITTINGS }) sitting: Sitting;
  @ApiProperty() dineIn: number;
  @ApiProperty() delivery: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Meals per dietary need (a meal may count under several)',
    example: { low_salt: 3, soft: 1 },
  })
  byDietaryNeed: Record<string, number>;
  @ApiProperty({ description: 'Meals with no dietary need' }) regular: number;
  @ApiProperty({ type: [DinerDto], description: 'Who dines in, by name, with their dietary needs' }) diners: DinerDto[];
  @ApiProperty({ type: [DeliveryStopDto] }) deliveries: DeliveryStopDto[];
}

export class KitchenSheetDto {
  @ApiProperty() facilityId: string;
  @ApiProperty() date: string;
  @ApiProperty({ type: [SittingSheetDto] }) sittings: SittingSheetDto[];
}

/** The kitchen's daily sheet: meals per sitting and dietary need, deliveries in route order. */
@Injectable()
export class MealsService {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly access: AccessService,
  ) {}

  async sheet(actor: Actor, facilityId: string, date: string, only?: Sitting): Promise<KitchenSheetDto> {
    this.access.requireFacilityReader(actor, facilityId);
    const facility = await this.orders.kitchenAt(facilityId);
    if (!facility) throw notFound('Facility');
    const rows = await this.orders.mealsOn(facilityId, new Date(dayStart(date)));
    const sittings = SITTINGS.filter((s) => !only || s === only).map((sitting): SittingSheetDto => {
      const meals = rows.filter((r) => sittingOf(r.sitting, r.slot_start.getTime()) === sitting);
      const byDietaryNeed: Record<string, number> = {};
      for (const meal of meals) for (const need of meal.dietary_needs) byDietaryNeed[need] = (byDietaryNeed[need] ?? 0) + 1;
      const deliveries = routeOrder(
        facility,
        meals.filter((m) => m.service_code === 'meal.delivery'),
      ).map((m, i) => ({
        stop: i + 1,
        orderId: m.id,
        residentName: m.name,
        address: m.address,
        location: m.lat !== null && m.lng !== null ? { lat: m.lat, lng: m.lng } : null,
        dietaryNeeds: m.dietary_needs,
        slotStart: toShanghaiIso(m.slot_start.getTime()),
      }));
      const diners = meals
        .filter((m) => m.service_code === 'meal.dine_in')
        .map((m) => ({ orderId: m.id, residentName: m.name, dietaryNeeds: m.dietary_needs }));
      return {
        sitting,
        dineIn: diners.length,
        delivery: deliveries.length,
        byDietaryNeed,
        regular: meals.filter((m) => m.dietary_needs.length === 0).length,
        diners,
        deliveries,
      };
    });
    return { facilityId, date, sittings };
  }
}
