import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessService } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import type { VisitCodesDto } from './dto/visit.dto.js';
import { VisitCardsRepository } from './visit-cards.repository.js';
import { cardKey, codeMatches, dailyCode, datesOfMonth } from './visit-code.js';

/** Used only where neither VISIT_CODE_SECRET nor JWT_SECRET is set: development and tests. */
const DEVELOPMENT_KEY = 'development-visit-code-key-not-for-production';

/** Each resident's service card: a random secret, created on first use, from which daily codes derive. */
@Injectable()
export class VisitCardsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: VisitCardsRepository,
    private readonly access: AccessService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async matches(m: EntityManager, residentId: string, date: string, code: string): Promise<boolean> {
    return codeMatches(await this.keyOf(m, residentId), date, code);
  }

  /** The month's codes, for staff to print on the card (centre staff of the resident's facility, admin). */
  async monthCodes(actor: Actor, residentId: string, month: string): Promise<VisitCodesDto> {
    const resident = await this.access.requireResident(actor, residentId);
    const key = await this.keyOf(this.db.manager, resident.id);
    return {
      residentId: resident.id,
      residentName: resident.name,
      month,
      codes: datesOfMonth(month).map((date) => ({ date, code: dailyCode(key, date) })),
    };
  }

  async codeFor(residentId: string, date: string): Promise<string> {
    return dailyCode(await this.keyOf(this.db.manager, residentId), date);
  }

  private async keyOf(m: EntityManager, residentId: string): Promise<Buffer> {
    const secret = await this.repo.secretOf(m, residentId, randomBytes(32).toString('base64url'));
    return cardKey(this.config.visitCodeSecret ?? this.config.jwtSecret ?? DEVELOPMENT_KEY, secret);
  }
}
