import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '../common/auth/roles.js';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { name: 'password_hash', select: false }) passwordHash: string;
  @Column('text') role: Role;
  @Column('text', { name: 'display_name' }) displayName: string;
  @Column('uuid', { name: 'facility_id', nullable: true }) facilityId: string | null;
  @Column('uuid', { name: 'resident_id', nullable: true }) residentId: string | null;
  @Column('uuid', { name: 'caregiver_id', nullable: true }) caregiverId: string | null;
  @Column('boolean') disabled: boolean;
  /** Raised (by a trigger) on a new password, disable, role or link change, and logout everywhere: older tokens stop working. */
  @Column({ type: 'integer', name: 'token_version', insert: false, update: false }) tokenVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
