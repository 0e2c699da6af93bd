import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { CancelOrderDto } from './dto/order.dto.js';
import { CreateSeriesDto, SeriesResultDto } from './dto/series.dto.js';
import { SeriesService } from './series.service.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('order-series')
export class SeriesController {
  constructor(private readonly series: SeriesService) {}

  @Post()
  @Roles('senior', 'family', 'centre_staff', 'admin')
  @ApiOperation({ summary: 'Book a recurring order (e.g. lunch every weekday): occurrences over the booking horizon' })
  @ApiCreatedResponse({ type: SeriesResultDto })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'SERIES_NOT_BOOKABLE (no occurrence could be booked, with the first reason), SLOT_IN_PAST, or a booking rule of POST /orders' })
  create(@CurrentUser() actor: Actor, @Body() dto: CreateSeriesDto): Promise<SeriesResultDto> {
    return this.series.create(actor, dto);
  }

  @Get(':id')
  @Roles('senior', 'family', 'centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'A series with its orders' })
  @ApiOkResponse({ type: SeriesResultDto })
  get(@CurrentUser() actor: Actor, @UuidParam('id', 'Series') id: string): Promise<SeriesResultDto> {
    return this.series.get(actor, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('senior', 'family', 'centre_staff', 'admin')
  @ApiOperation({ summary: 'End a series: its future occurrences are cancelled, past ones stay' })
  @ApiOkResponse({ type: SeriesResultDto })
  end(@CurrentUser() actor: Actor, @UuidParam('id', 'Series') id: string, @Body() dto: CancelOrderDto): Promise<SeriesResultDto> {
    return this.series.end(actor, id, dto.reason);
  }
}
