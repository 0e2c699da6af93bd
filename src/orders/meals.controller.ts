import { Controller, Get, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { KitchenSheetDto, MealsQuery, MealsService } from './meals.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('orders')
@Controller('facilities')
export class MealsController {
  constructor(private readonly meals: MealsService) {}

  @Get(':id/meals')
  @ApiRoute({
    roles: ['centre_staff', 'bureau_staff', 'admin'],
    summary: 'The kitchen sheet of a day: meals per sitting and dietary need, deliveries in route order',
    ok: KitchenSheetDto,
  })
  sheet(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') id: string, @Query() q: MealsQuery): Promise<KitchenSheetDto> {
    return this.meals.sheet(actor, id, q.date, q.sitting);
  }
}
