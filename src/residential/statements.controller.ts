import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { ChargesService } from './charges.service.js';
import { StatementDto, StatementQuery } from './dto/statements.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@ApiTags('residential')
@ApiBearerAuth()
@Controller()
export class StatementsController {
  constructor(private readonly charges: ChargesService) {}

  @Get('residents/:id/statements')
  @Roles('senior', 'family', 'centre_staff', 'bureau_staff', 'admin')
  @ApiOperation({ summary: 'The month’s residential charge of a resident: per bed held, the subsidy and the co-pay' })
  @ApiOkResponse({ type: StatementDto })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'The role may not use this route' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'No such resident, or not one the caller may see' })
  statement(@CurrentUser() actor: Actor, @UuidParam('id', 'Resident') residentId: string, @Query() query: StatementQuery): Promise<StatementDto> {
    return this.charges.statement(actor, residentId, query.month);
  }
}
