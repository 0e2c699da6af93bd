import { Controller, Get } from '@nestjs/common';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { ServiceDto } from './dto/service.dto.js';
import { ServicesService } from './services.service.js';

@SignedInApi('network')
@Controller('services')
export class ServicesController {
  constructor(private readonly services: ServicesService) {}

  @Get()
  @ApiRoute({ summary: 'The service catalogue (any signed-in role)', ok: [ServiceDto] })
  list(): Promise<ServiceDto[]> {
    return this.services.list();
  }
}
