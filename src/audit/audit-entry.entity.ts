import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditAction = 'create' | 'update' | 'delete';
export type AuditChanges = Record<string, { old: unknown; new: unknown }>;

@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('timestamptz') at: Date;
  @Column('uuid', { name: 'actor_user_id', nullable: true }) actorUserId: string | null;
  @Column('text', { name: 'actor_role', nullable: true }) actorRole: string | null;
  @Column('text') entity: string;
  @Column('text', { name: 'entity_id' }) entityId: string;
  @Column('text') action: AuditAction;
  @Column('jsonb') changes: AuditChanges;
  @Column('text', { name: 'request_id', nullable: true }) requestId: string | null;
}
