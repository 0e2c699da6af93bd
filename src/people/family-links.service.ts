import { Injectable } from '@nestjs/common';
import { ChangeFeed } from '../database/change-feed.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AccessService, isUuid } from '../common/auth/access.service.js';
import type { Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { User } from '../users/user.entity.js';
import type { CreateFamilyLinkDto, FamilyLinkDto, MyResidentDto } from './dto/family-link.dto.js';
import { auditSnapshot, insertAudited } from './registry-rows.js';
import { FamilyLink } from './family-link.entity.js';
import { Resident } from './resident.entity.js';
import { toResidentDto } from './resident.mapper.js';

function toDto(link: FamilyLink, user: Pick<User, 'username' | 'displayName' | 'phone'>): FamilyLinkDto {
  return {
    id: link.id,
    residentId: link.residentId,
    userId: link.userId,
    username: user.username,
    displayName: user.displayName,
    phone: user.phone,
    relationship: link.relationship,
    canBook: link.canBook,
    createdAt: link.createdAt.toISOString(),
  };
}

/** Family accounts linked to the seniors they look after, and what each link allows. */
@Injectable()
export class FamilyLinksService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly feed: ChangeFeed,
  ) {}

  async create(actor: Actor, residentId: string, dto: CreateFamilyLinkDto): Promise<FamilyLinkDto> {
    const created = await this.db.transaction(async (m) => {
      await this.requireManaged(actor, residentId, m);
      const user = await m.findOneBy(User, dto.phone !== undefined ? { phone: dto.phone } : { username: dto.username });
      if (!user) throw notFound('Family account');
      if (user.role !== 'family') {
        throw new DomainError('ACCOUNT_NOT_FAMILY', `That account is a ${user.role} account: link a family account, or create one first`, [
          { field: dto.phone !== undefined ? 'phone' : 'username', message: 'must name an account with the family role' },
        ]);
      }
      const link = await insertAudited(m, this.audit, actor, FamilyLink, 'family_link', {
        userId: user.id,
        residentId,
        relationship: dto.relationship,
        canBook: dto.canBook ?? true,
      });
      return toDto(link, user);
    });
    this.linkChanged(created.userId, residentId);
    return created;
  }

  /** Bookings on this instance see a new or removed link at once; other instances by NOTIFY. */
  private linkChanged(userId: string, residentId: string): void {
    this.feed.announce('booking_facts_changed', `link:${userId}:${residentId}`);
  }

  async list(actor: Actor, residentId: string): Promise<FamilyLinkDto[]> {
    await this.access.requireResident(actor, residentId);
    const rows = await this.db
      .getRepository(FamilyLink)
      .createQueryBuilder('l')
      .innerJoinAndMapOne('l.user', User, 'u', 'u.id = l.userId')
      .where('l.residentId = :residentId', { residentId })
      .orderBy('l.createdAt', 'ASC')
      .getMany();
    return rows.map((l) => toDto(l, (l as FamilyLink & { user: User }).user));
  }

  async remove(actor: Actor, residentId: string, linkId: string): Promise<void> {
    const removed = await this.db.transaction(async (m) => {
      await this.requireManaged(actor, residentId, m);
      const link = isUuid(linkId) ? await m.findOneBy(FamilyLink, { id: linkId, residentId }) : null;
      if (!link) throw notFound('Family link');
      await m.delete(FamilyLink, { id: link.id });
      await this.audit.record(m, actor, 'family_link', link.id, 'delete', auditSnapshot(link), null);
      return link;
    });
    this.linkChanged(removed.userId, residentId);
  }

  /** A family member's linked seniors; a senior's own record. */
  async mine(actor: Actor): Promise<MyResidentDto[]> {
    if (actor.role === 'senior') {
      const self = actor.residentId ? await this.db.getRepository(Resident).findOneBy({ id: actor.residentId }) : null;
      return self ? [{ ...toResidentDto(self), relationship: 'self', canBook: true }] : [];
    }
    const rows = await this.db
      .getRepository(FamilyLink)
      .createQueryBuilder('l')
      .innerJoinAndMapOne('l.resident', Resident, 'r', 'r.id = l.residentId')
      .where('l.userId = :userId', { userId: actor.userId })
      .orderBy('r.name', 'ASC')
      .getMany();
    return rows.map((l) => ({
      ...toResidentDto((l as FamilyLink & { resident: Resident }).resident),
      relationship: l.relationship,
      canBook: l.canBook,
    }));
  }

  /** Links are managed by the resident's centre staff and by admin. */
  private async requireManaged(actor: Actor, residentId: string, m: EntityManager): Promise<Resident> {
    return this.access.requireManagedResident(actor, residentId, m);
  }
}
