import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CancelOrderDto } from './dto/order.dto.js';
import { CreateSeriesDto, SeriesResultDto } from './dto/series.dto.js';
import { SeriesService } from './series.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('orders')
@Controller('order-series')
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Post()
  @ApiRoute({
    roles: ['senior', 'family', 'centre_staff', 'admin'],
    summary: 'Book a recurring order (e.g. lunch every weekday): occurrences over the booking horizon',
    created: SeriesResultDto,
    errors: {
      422: 'SERIES_NOT_BOOKABLE (no occurrence could be booked, with the first reason), SLOT_IN_PAST, or a booking rule of POST /orders',
    },
  })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateSeriesDto): Promise<SeriesResultDto> {
    return this.series.create(actor, dto);
  }

  @Get(':id')
  @ApiRoute({
    roles: ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'],
    summary: 'A series with its orders',
    ok: SeriesResultDto,
  })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Series') id: string): Promise<SeriesResultDto> {
    return this.series.get(actor, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @ApiRoute({
    roles: ['senior', 'family', 'centre_staff', 'admin'],
    summary: 'End a series: its future occurrences are cancelled, past ones stay',
    ok: SeriesResultDto,
  })
  end(@CurrentUser() actor: Actor, @UuidParam('id', 'Series') id: string, @Body() dto: CancelOrderDto): Promise<SeriesResultDto> {
    return this.series.end(actor, id, dto.reason);
  }
}
