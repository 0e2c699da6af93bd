import { Controller, Get, Query } from '@nestjs/common';
import { CurrentUser } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { ChargesService } from './charges.service.js';
import { StatementDto, StatementQuery } from './dto/statements.dto.js';
import { UuidParam } from '../common/http/uuid-param.js';

@SignedInApi('residential')
@Controller()
export class StatementsController {
  constructor(private readonly charges: ChargesService) {}

  @Get('residents/:id/statements')
  @ApiRoute({
    roles: ['senior', 'family', 'centre_staff', 'bureau_staff', 'admin'],
    summary: 'The month’s residential charge of a resident: per bed held, the subsidy and the co-pay',
    ok: StatementDto,
    errors: { 404: 'No such resident, or not one the caller may see' },
  })
  statement(
    @CurrentUser() actor: Actor,
    @UuidParam('id', 'Resident') residentId: string,
    @Query() query: StatementQuery,
  ): Promise<StatementDto> {
    return this.charges.statement(actor, residentId, query.month);
  }
}
