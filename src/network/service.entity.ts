import { Column, Entity, PrimaryColumn } from 'typeorm';

export const SERVICE_CATEGORIES = ['meal', 'cleaning', 'mobility', 'medical'] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export type ServicePlace = 'facility' | 'home';

@Entity('services')
export class CareService {
  @PrimaryColumn('text') code: string;
  @Column('text') category: ServiceCategory;
  @Column('text', { name: 'name_zh' }) nameZh: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
  @Column('text') place: ServicePlace;
  @Column('int', { name: 'duration_minutes' }) durationMinutes: number;
  @Column('text', { name: 'required_skill' }) requiredSkill: ServiceCategory;
  /** The least qualified caregiver level (5 lowest, 1 highest) that may deliver it. */
  @Column('smallint', { name: 'min_caregiver_level' }) minCaregiverLevel: number;
  @Column('int', { name: 'base_price_fen' }) basePriceFen: number;
}

@Entity('facility_services')
export class FacilityService {
  @PrimaryColumn('uuid', { name: 'facility_id' }) facilityId: string;
  @PrimaryColumn('text', { name: 'service_code' }) serviceCode: string;
}
