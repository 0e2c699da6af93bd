import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ResidentialSpendDto } from '../../residential/dto/residential-spend.dto.js';

export class UtilisationRowDto {
  @ApiProperty({ description: 'Facility id, district, service code, date (day), Monday of the week (week) or YYYY-MM (month)' })
  key: string;
  @ApiPropertyOptional({ description: 'Facility name, service name or ISO week (2026-W49), for keys that are ids or dates' })
  label?: string;
  @ApiProperty({ description: 'Units of capacity in the slots of the period' }) capacity: number;
  @ApiProperty({ description: 'Orders holding a place: confirmed, assigned, in progress, completed, no-show, missed' }) booked: number;
  @ApiProperty() completed: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() noShow: number;
  @ApiProperty() missed: number;
  @ApiProperty({ description: 'Orders still on a waitlist' }) waitlisted: number;
  @ApiProperty({ type: Number, nullable: true, description: 'booked / capacity, four decimals; null without capacity' }) fillRate:
    number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Minutes of the facility's shifts in the period; null when grouped by service",
  })
  rosteredMinutes: number | null;
  @ApiProperty({ description: 'Planned minutes of the assignments of booked orders' }) assignedMinutes: number;
  @ApiProperty({ type: Number, nullable: true, description: 'assignedMinutes / rosteredMinutes, four decimals' }) caregiverUtilisation:
    number | null;
  @ApiProperty({ description: 'Waitlisted orders that never got a place: still waitlisted, or cancelled from the waitlist' })
  refusedDemand: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Median wait from booking to slot start of booked orders, as the lower bound (hours) of its bucket: 0,1,2,3,4,6,8,12,18,24,36,48,72,96,120,144,168,240,336,504',
  })
  medianWaitHours: number | null;
}

export class UtilisationReportDto {
  @ApiProperty({ example: '2026-12-01' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
  @ApiProperty() groupBy: string;
  @ApiProperty({ type: [UtilisationRowDto] }) rows: UtilisationRowDto[];
}

export class CoverageFiguresDto {
  @ApiProperty({ enum: ['tekun', 'dibao', 'dibao_edge', 'aged_80_plus', 'care_level_3_4'] }) group: string;
  @ApiProperty({ example: '特困' }) groupLabel: string;
  @ApiProperty({ description: 'Residents in the group' }) residents: number;
  @ApiProperty({ description: 'Residents with at least one completed service this month' }) served: number;
  @ApiProperty() unserved: number;
  @ApiProperty({ description: 'Residents to whom a government-purchased service policy applies' }) entitledResidents: number;
  @ApiProperty({ description: 'Of those, residents with no completed service this month (应保未保)' }) entitledUnserved: number;
  @ApiProperty({ description: 'Government-purchased minutes of the month (policies with a monthly cap; uncapped ones add none)' })
  entitledMinutes: number;
  @ApiProperty({ description: "Minutes of completed services: the visit's actual minutes, else the service's duration" })
  receivedMinutes: number;
  @ApiProperty({ description: 'Per resident and policy, entitled minutes not received, summed' }) shortfall: number;
}

export class CoverageRowDto extends CoverageFiguresDto {
  @ApiProperty({ example: '北湖区' }) district: string;
  @ApiProperty({ example: '人民路街道' }) street: string;
}

export class CoverageReportDto {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ type: [CoverageFiguresDto], description: 'Per group, all streets' }) groups: CoverageFiguresDto[];
  @ApiProperty({ type: [CoverageRowDto], description: 'Per group and street or town' }) rows: CoverageRowDto[];
}

export class SpendFiguresDto {
  @ApiProperty() key: string;
  @ApiPropertyOptional() label?: string;
  @ApiProperty({ description: 'Completed orders' }) orders: number;
  @ApiProperty() baseFen: number;
  @ApiProperty() subsidyFen: number;
  @ApiProperty() copayFen: number;
}

export class FundingFiguresDto {
  @ApiProperty({ example: 'gov_purchase' }) key: string;
  @ApiProperty({ description: 'Completed orders it paid towards' }) orders: number;
  @ApiProperty() amountFen: number;
}

export class SpendTotalsDto {
  @ApiProperty() orders: number;
  @ApiProperty() baseFen: number;
  @ApiProperty() subsidyFen: number;
  @ApiProperty() copayFen: number;
  @ApiProperty({ description: 'Sum over the funding sources: equals subsidyFen' }) fundingFen: number;
}

export class SubsidyReportDto {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ type: SpendTotalsDto }) totals: SpendTotalsDto;
  @ApiProperty({ description: 'subsidyFen + copayFen = baseFen and the funding sources add up to subsidyFen' }) reconciles: boolean;
  @ApiProperty({ type: [FundingFiguresDto] }) byFundingSource: FundingFiguresDto[];
  @ApiProperty({ type: [SpendFiguresDto], description: "By the resident's subsidy category" }) byCategory: SpendFiguresDto[];
  @ApiProperty({ type: [SpendFiguresDto] }) byService: SpendFiguresDto[];
  @ApiProperty({ type: [SpendFiguresDto] }) byFacility: SpendFiguresDto[];
  @ApiProperty({
    type: ResidentialSpendDto,
    description: 'Residential charges of the month (beds in homes); not in the totals above, which are service orders',
  })
  residential: ResidentialSpendDto;
}

export class FacilityComparisonRowDto {
  @ApiProperty({ description: '1 = highest fill rate; facilities without capacity last' }) rank: number;
  @ApiProperty({ format: 'uuid' }) facilityId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() type: string;
  @ApiProperty() district: string;
  @ApiProperty() street: string;
  @ApiProperty() capacity: number;
  @ApiProperty() booked: number;
  @ApiProperty() completed: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() noShow: number;
  @ApiProperty() missed: number;
  @ApiProperty() refusedDemand: number;
  @ApiProperty({ type: Number, nullable: true }) fillRate: number | null;
  @ApiProperty() rosteredMinutes: number;
  @ApiProperty() assignedMinutes: number;
  @ApiProperty({ type: Number, nullable: true }) caregiverUtilisation: number | null;
  @ApiProperty({ enum: ['over_used', 'under_used', 'normal', 'no_capacity'] }) flag: string;
}

export class FacilityComparisonDto {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ example: 'street_centre' }) facilityType: string;
  @ApiProperty({ example: 0.9, description: 'Fill rate at or above which a facility is over-used (REPORT_OVER_USED_PERCENT)' })
  overUsedFillRate: number;
  @ApiProperty({ example: 0.5, description: 'Fill rate below which a facility is under-used (REPORT_UNDER_USED_PERCENT)' })
  underUsedFillRate: number;
  @ApiProperty({ type: [FacilityComparisonRowDto] }) rows: FacilityComparisonRowDto[];
}
