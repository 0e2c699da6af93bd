import { Controller, Get, HttpCode, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/decorators.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorResponse } from '../common/http/error-response.dto.js';
import { CapacityJob } from '../rosters/capacity.job.js';

class HealthDto {
  status: 'ok';
}

/** What is still being prepared before the service is worth sending traffic to. */
export type Warming = 'capacity';

export type ReadyBody =
  | { status: 'ok'; database: 'up' }
  | { statusCode: 503; code: 'NOT_READY'; message: string; status: 'warming'; database: 'up'; warming: Warming[]; requestId?: string };

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly capacity: CapacityJob,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The process is alive' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live(): HealthDto {
    return { status: 'ok' };
  }

  /**
   * Ready means bookable: the database answers, and on a new database the first capacity run has
   * made the slots of the whole horizon. While it runs the answer is 503 in the error shape, with
   * what is still warming; a later start-up, with slots already made, is ready at once.
   */
  @Get('ready')
  @HttpCode(200)
  @ApiOperation({ summary: 'The database answers and the bookable slots are made (ready means bookable)' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { status: { type: 'string', enum: ['ok'] }, database: { type: 'string', enum: ['up'] } },
      required: ['status', 'database'],
    },
  })
  @ApiServiceUnavailableResponse({
    type: ErrorResponse,
    description:
      'NOT_READY: the database does not answer; or, on a new database, the first capacity run is still making the slots: then the error also says ' +
      "status: 'warming', database: 'up' and warming: ['capacity']",
  })
  async ready(@Req() req: Request & { id?: string }, @Res({ passthrough: true }) res: Response): Promise<ReadyBody> {
    let warm: boolean;
    let timer: NodeJS.Timeout | undefined;
    try {
      warm = await Promise.race([
        this.db.query('SELECT 1').then(() => this.capacity.warm()),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000))),
      ]);
    } catch {
      throw new DomainError('NOT_READY', 'The database does not answer');
    } finally {
      clearTimeout(timer);
    }
    if (warm) return { status: 'ok', database: 'up' };
    res.status(503);
    res.locals.warming = true;
    return {
      statusCode: 503,
      code: 'NOT_READY',
      message: 'Warming up: the first capacity run is still making the bookable slots',
      status: 'warming',
      database: 'up',
      warming: ['capacity'],
      requestId: req.id,
    };
  }
}
