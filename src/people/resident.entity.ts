import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SUBSIDY_CATEGORIES = ['none', 'tekun', 'dibao', 'dibao_edge'] as const;
export type SubsidyCategory = (typeof SUBSIDY_CATEGORIES)[number];
export const DIETARY_NEEDS = ['low_salt', 'low_sugar', 'soft', 'vegetarian', 'halal'] as const;
export type DietaryNeed = (typeof DIETARY_NEEDS)[number];
export const GENDERS = ['female', 'male'] as const;
export type Gender = (typeof GENDERS)[number];

@Entity('residents')
export class Resident {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  /** Stored in full for de-duplication; never leaves the service unmasked. */
  @Column('text', { name: 'id_number' }) idNumber: string;
  @Column('date', { name: 'birth_date' }) birthDate: string;
  @Column('text') gender: Gender;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text') address: string;
  @Column('double precision', { nullable: true }) lat: number | null;
  @Column('double precision', { nullable: true }) lng: number | null;
  @Column('text') district: string;
  @Column('text') street: string;
  /** GB/T 2260; filled from the names by the database where not given (null: a name the register does not know). */
  @Column('text', { name: 'district_code', nullable: true }) districtCode: string | null;
  @Column('text', { name: 'street_code', nullable: true }) streetCode: string | null;
  @Column('smallint', { name: 'care_level' }) careLevel: number;
  @Column('text', { name: 'subsidy_category' }) subsidyCategory: SubsidyCategory;
  @Column('text', { name: 'dietary_needs', array: true }) dietaryNeeds: DietaryNeed[];
  @Column('uuid', { name: 'home_facility_id' }) homeFacilityId: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
