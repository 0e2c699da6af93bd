import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const FACILITY_TYPES = ['street_centre', 'day_care', 'rural_home'] as const;
export type FacilityType = (typeof FACILITY_TYPES)[number];

/** Weekdays 1 (Monday) to 7 (Sunday), and the daily opening time span in Asia/Shanghai. */
export interface OpeningHours {
  weekdays: number[];
  open: string;
  close: string;
}

@Entity('facilities')
export class Facility {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') type: FacilityType;
  @Column('text') district: string;
  @Column('text') street: string;
  /** GB/T 2260; filled from the names by the database where not given (null: a name the register does not know). */
  @Column('text', { name: 'district_code', nullable: true }) districtCode: string | null;
  @Column('text', { name: 'street_code', nullable: true }) streetCode: string | null;
  @Column('text') address: string;
  @Column('double precision') lat: number;
  @Column('double precision') lng: number;
  @Column('jsonb', { name: 'opening_hours' }) openingHours: OpeningHours;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('boolean') active: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
