import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { KitchenSheetDto, MealsQuery, MealsService } from './meals.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('facilities')
export class MealsController {
  constructor(private readonly meals: MealsService) {}

  @Get(':id/meals')
  @Roles('centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'The kitchen sheet of a day: meals per sitting and dietary need, deliveries in route order' })
  @ApiOkResponse({ type: KitchenSheetDto })
  sheet(@CurrentUser() actor: Actor, @UuidParam('id', 'Facility') id: string, @Query() q: MealsQuery): Promise<KitchenSheetDto> {
    return this.meals.sheet(actor, id, q.date, q.sitting);
  }
}
