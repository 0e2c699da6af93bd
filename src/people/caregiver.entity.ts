import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ServiceCategory } from '../network/service.entity.js';
import type { Gender } from './resident.entity.js';

@Entity('caregivers')
export class Caregiver {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('uuid', { name: 'facility_id' }) facilityId: string;
  @Column('text') gender: Gender;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { array: true }) skills: ServiceCategory[];
  /** Vocational level: 1 (高级技师) is the most qualified, 5 (初级工) the least. */
  @Column('smallint') level: number;
  @Column('double precision', { name: 'home_lat' }) homeLat: number;
  @Column('double precision', { name: 'home_lng' }) homeLng: number;
  @Column('int', { name: 'max_weekly_minutes' }) maxWeeklyMinutes: number;
  @Column('boolean') active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
