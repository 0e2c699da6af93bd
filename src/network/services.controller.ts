import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { ServiceDto } from './dto/service.dto.js';
import { ServicesService } from './services.service.js';

@ApiTags('network')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponse, description: 'No or bad token' })
@Controller('services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get()
  @ApiOperation({ summary: 'The service catalogue (any signed-in role)' })
  @ApiOkResponse({ type: [ServiceDto] })
  list(): Promise<ServiceDto[]> {
    return this.services.list();
  }
}
