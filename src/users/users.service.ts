import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/password.js';
import { AccessService } from '../common/auth/access.service.js';
import { canCreateAccount, type Actor } from '../common/auth/roles.js';
import { DomainError } from '../common/errors/domain-error.js';
import { offsetOf, type Page } from '../common/http/pagination.js';
import { ChangeFeed } from '../database/change-feed.js';
import type { CreateUserDto, UpdateUserDto, UserDto, UserQuery } from './dto/user.dto.js';
import { AccountsRepository } from './accounts.repository.js';
import type { User } from './user.entity.js';

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

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly feed: ChangeFeed,
    private readonly accounts: AccountsRepository,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<UserDto> {
    if (!canCreateAccount(actor.role, dto.role)) {
      throw new DomainError('FORBIDDEN', `The ${actor.role} role may not create ${dto.role} accounts`);
    }
    return this.db.transaction(async (manager) => {
      await this.checkRoleLinks(actor, dto, manager);
      const saved = await this.accounts.insert(manager, {
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
        throw new DomainError('ROLE_LINK_INVALID', `A ${dto.role} account needs ${field}`, [
          { field, message: `${field} is required for ${dto.role}` },
        ]);
      }
      if (field !== needed && dto[field]) {
        throw new DomainError('ROLE_LINK_INVALID', `A ${dto.role} account takes no ${field}: remove it`, [
          { field, message: `remove ${field}` },
        ]);
      }
    }
    if (dto.role === 'senior' && dto.residentId) await this.access.requireResident(actor, dto.residentId, manager);
    if (dto.role === 'caregiver' && dto.caregiverId) await this.access.requireCaregiver(actor, dto.caregiverId, manager);
    if (dto.role === 'centre_staff' && dto.facilityId) {
      if (!(await this.accounts.facilityExists(manager, dto.facilityId)))
        throw new DomainError('FACILITY_UNKNOWN', 'No facility has this facilityId', [
          { field: 'facilityId', message: 'unknown facility' },
        ]);
    }
  }

  async list(actor: Actor, query: UserQuery): Promise<Page<UserDto>> {
    const facilityId = this.access.facilityScope(actor, query.facilityId);
    const [users, total] = await this.accounts.page({ role: query.role, facilityId }, offsetOf(query), query.pageSize);
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
      const saved = await this.accounts.save(manager, user);
      // The token version moves on by trigger; the refresh tokens of a reset or disabled account go as well.
      if (dto.password !== undefined || dto.disabled === true) await this.accounts.deleteTokensOf(manager, id);
      const after = toUserDto(saved);
      await this.audit.record(
        manager,
        actor,
        'user',
        id,
        'update',
        { ...before, password: undefined },
        {
          ...after,
          password: dto.password === undefined ? undefined : 'reset',
        },
      );
      return after;
    });
    // Other instances hear of the change by NOTIFY; this one forgets the account before answering.
    this.feed.announce('account_changed', id);
    return updated;
  }

  /**
   * The account, locked, when the actor may change it (the policy's `account.manage`): admin any;
   * centre staff the senior, family and caregiver accounts wholly inside their facility. One they
   * see but that reaches outside (a family linked to seniors of another centre too) answers 403.
   */
  private async requireManageable(actor: Actor, id: string, manager: EntityManager): Promise<User> {
    await this.access.policy.require(actor, 'account.manage', id, manager);
    return this.accounts.lockForUpdate(manager, id);
  }
}
