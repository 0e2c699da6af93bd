import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import type { ServiceDto } from './dto/service.dto.js';
import { CareService } from './service.entity.js';

/** The service catalogue: the meal, cleaning, mobility and medical services facilities offer. */
@Injectable()
export class ServicesService {
  constructor(private readonly db: DataSource) {}

  async list(): Promise<ServiceDto[]> {
    const rows = await this.db.getRepository(CareService).find({ order: { code: 'ASC' } });
    return rows.map((s) => ({
      code: s.code,
      category: s.category,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      place: s.place,
      durationMinutes: s.durationMinutes,
      requiredSkill: s.requiredSkill,
      basePriceFen: s.basePriceFen,
      minCaregiverLevel: s.minCaregiverLevel,
    }));
  }

  /** 422 SERVICE_UNKNOWN naming every code that is not in the catalogue. */
  async requireKnown(codes: string[], manager: EntityManager = this.db.manager, field = 'services'): Promise<void> {
    if (codes.length === 0) return;
    const known = new Set((await manager.find(CareService, { where: { code: In(codes) }, select: { code: true } })).map((s) => s.code));
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length === 0) return;
    throw new DomainError(
      'SERVICE_UNKNOWN',
      `Unknown service code${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: use codes from GET /services`,
      unknown.map((code) => ({ field, message: `${code} is not in the service catalogue` })),
    );
  }
}
