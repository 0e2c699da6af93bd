import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import { AccessService, isUuid } from '../common/auth/access.service.js';
import { canCreateAccount, type Actor } from '../common/auth/roles.js';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import { offsetOf, type Page } from '../common/http/pagination.js';
import { ChangeFeed } from '../database/change-feed.js';
import type { CreateUserDto, UpdateUserDto, UserDto, UserQuery } from './dto/user.dto.js';
import { User } from './user.entity.js';

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    displayName: user.displayName,
    phone: user.phone,
    facilityId: user.facilityId,
    residentId: user.residentId,
    caregiverId: user.caregiverId,
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}

/** Accounts a centre's staff look after: their colleagues, caregivers, seniors and families of their facility. */
const FACILITY_USERS = `(
  u.facility_id = :facilityId
  OR u.caregiver_id IN (SELECT id FROM caregivers WHERE facility_id = :facilityId)
  OR u.resident_id IN (SELECT id FROM residents WHERE home_facility_id = :facilityId)
  OR u.id IN (SELECT f.user_id FROM family_links f JOIN residents r ON r.id = f.resident_id WHERE r.home_facility_id = :facilityId))`;

/**
 * Accounts wholly inside a facility: every record the account acts for or is linked to belongs to
 * it. A family account linked to a senior elsewhere too is not, so linking one of their own
 * residents does not hand a centre's staff another centre's account (issue 14, attack 1).
 */
const WHOLLY_INSIDE = `(
  (u.facility_id IS NULL OR u.facility_id = :facilityId)
  AND (u.resident_id IS NULL OR u.resident_id IN (SELECT id FROM residents WHERE home_facility_id = :facilityId))
  AND (u.caregiver_id IS NULL OR u.caregiver_id IN (SELECT id FROM caregivers WHERE facility_id = :facilityId))
  AND NOT EXISTS (SELECT 1 FROM family_links f JOIN residents r ON r.id = f.resident_id
                   WHERE f.user_id = u.id AND r.home_facility_id <> :facilityId))`;

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly feed: ChangeFeed,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    if (!canCreateAccount(actor.role, dto.role)) {
      throw new DomainError('FORBIDDEN', `The ${actor.role} role may not create ${dto.role} accounts`);
    }
    return this.db.transaction(async (manager) => {
      await this.checkRoleLinks(actor, dto, manager);
      const user = manager.create(User, {
        username: dto.username,
        phone: dto.phone ?? null,
        passwordHash: await hashPassword(dto.password),
        role: dto.role,
        displayName: dto.displayName,
        facilityId: dto.role === 'centre_staff' ? (dto.facilityId ?? null) : null,
        residentId: dto.role === 'senior' ? (dto.residentId ?? null) : null,
        caregiverId: dto.role === 'caregiver' ? (dto.caregiverId ?? null) : null,
        disabled: false,
      });
      const saved = await manager.save(user);
      const dtoOut = toUserDto(saved);
      await this.audit.record(manager, actor, 'user', saved.id, 'create', null, dtoOut);
      return dtoOut;
    });
  }

  /** Each role's account is tied to exactly the record it acts for, and staff only within their facility. */
  private async checkRoleLinks(actor: Actor, dto: CreateUserDto, manager: EntityManager): Promise<void> {
    const needs: Record<string, 'facilityId' | 'residentId' | 'caregiverId' | undefined> = {
      centre_staff: 'facilityId',
      senior: 'residentId',
      caregiver: 'caregiverId',
    };
    const needed = needs[dto.role];
    for (const field of ['facilityId', 'residentId', 'caregiverId'] as const) {
      if (field === needed && !dto[field]) {
        throw new DomainError('ROLE_LINK_INVALID', `A ${dto.role} account needs ${field}`, [{ field, message: `${field} is required for ${dto.role}` }]);
      }
      if (field !== needed && dto[field]) {
        throw new DomainError('ROLE_LINK_INVALID', `A ${dto.role} account takes no ${field}: remove it`, [{ field, message: `remove ${field}` }]);
      }
    }
    if (dto.role === 'senior' && dto.residentId) await this.access.requireResident(actor, dto.residentId, manager);
    if (dto.role === 'caregiver' && dto.caregiverId) await this.access.requireCaregiver(actor, dto.caregiverId, manager);
    if (dto.role === 'centre_staff' && dto.facilityId) {
      const found = (await manager.query('SELECT 1 FROM facilities WHERE id = $1', [dto.facilityId])) as unknown[];
      if (found.length === 0) throw new DomainError('FACILITY_UNKNOWN', 'No facility has this facilityId', [{ field: 'facilityId', message: 'unknown facility' }]);
    }
  }

  async list(actor: Actor, query: UserQuery): Promise<Page<UserDto>> {
    const qb = this.db.getRepository(User).createQueryBuilder('u');
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    const facilityId = this.access.facilityScope(actor, query.facilityId);
    if (facilityId) qb.andWhere(FACILITY_USERS, { facilityId });
    const [users, total] = await qb.orderBy('u.createdAt', 'ASC').addOrderBy('u.id').skip(offsetOf(query)).take(query.pageSize).getManyAndCount();
    return { items: users.map(toUserDto), total, page: query.page, pageSize: query.pageSize };
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const updated = await this.db.transaction(async (manager) => {
      const user = await this.requireManageable(actor, id, manager);
      const before = toUserDto(user);
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.disabled !== undefined) user.disabled = dto.disabled;
      if (dto.phone !== undefined) user.phone = dto.phone;
      if (dto.password !== undefined) user.passwordHash = await hashPassword(dto.password);
      const saved = await manager.save(user);
      // The token version moves on by trigger; the refresh tokens of a reset or disabled account go as well.
      if (dto.password !== undefined || dto.disabled === true) await manager.query('DELETE FROM refresh_tokens WHERE user_id = $1', [id]);
      const after = toUserDto(saved);
      await this.audit.record(manager, actor, 'user', id, 'update', { ...before, password: undefined }, {
        ...after,
        password: dto.password === undefined ? undefined : 'reset',
      });
      return after;
    });
    // Other instances hear of the change by NOTIFY; this one forgets the account before answering.
    this.feed.announce('account_changed', id);
    return updated;
  }

  /**
   * The account, locked, when the actor may change it: admin any; centre staff the senior, family
   * and caregiver accounts wholly inside their facility. One they see but that reaches outside
   * (a family linked to seniors of another centre too) is admin's: 403 ACCOUNT_OUTSIDE_FACILITY.
   */
  private async requireManageable(actor: Actor, id: string, manager: EntityManager): Promise<User> {
    const qb = manager.getRepository(User).createQueryBuilder('u').setLock('pessimistic_write').where('u.id = :id', { id });
    if (actor.role === 'centre_staff') {
      qb.andWhere("u.role IN ('senior', 'family', 'caregiver')")
        .andWhere(FACILITY_USERS, { facilityId: actor.facilityId })
        .addSelect(`${WHOLLY_INSIDE}`, 'wholly_inside');
    }
    const found = isUuid(id) ? await qb.getRawAndEntities() : { entities: [], raw: [] };
    const user = found.entities[0];
    if (!user) throw notFound('User');
    if (actor.role === 'centre_staff' && !(found.raw[0] as { wholly_inside: boolean }).wholly_inside) {
      throw new DomainError('ACCOUNT_OUTSIDE_FACILITY', 'This account is also linked to people of another centre: only an admin may change it');
    }
    return user;
  }
}
