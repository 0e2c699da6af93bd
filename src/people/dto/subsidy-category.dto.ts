import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { SUBSIDY_CATEGORIES, type SubsidyCategory } from '../resident.entity.js';

/** A subsidy category decided by the civil affairs bureau, with the reason kept in the audit trail. */
export class SetSubsidyCategoryDto {
  @ApiProperty({ enum: SUBSIDY_CATEGORIES })
  @IsIn(SUBSIDY_CATEGORIES, { message: `subsidyCategory must be one of ${SUBSIDY_CATEGORIES.join(', ')}` })
  subsidyCategory: SubsidyCategory;

  @ApiProperty({ example: '民政局2026年第12号认定', description: 'The decision behind the change (kept in the audit trail)' })
  @IsString({ message: 'reason must be text' })
  @Length(1, 200, { message: 'reason must be 1 to 200 characters' })
  reason: string;
}
