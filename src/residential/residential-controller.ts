import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '../common/http/error-response.dto.js';

/**
 * A controller of the residential routes (documented under `residential`, bearer token): every
 * route may answer 403 for a role it does not serve and 404 with `notFound` (what is not there).
 */
export function ResidentialController(notFound: string): ClassDecorator {
  return applyDecorators(
    ApiTags('residential'),
    ApiBearerAuth(),
    ApiForbiddenResponse({ type: ErrorResponse, description: 'The role may not use this route' }),
    ApiNotFoundResponse({ type: ErrorResponse, description: notFound }),
    Controller(),
  );
}
