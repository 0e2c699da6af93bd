import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ResidentialSpendFiguresDto {
  @ApiProperty() key: string;
  @ApiPropertyOptional() label?: string;
  @ApiProperty({ description: 'Residents charged in the month' }) residents: number;
  @ApiProperty() baseFen: number;
  @ApiProperty() subsidyFen: number;
  @ApiProperty() copayFen: number;
}

export class ResidentialFundingDto {
  @ApiProperty({ example: 'tekun_support' }) key: string;
  @ApiProperty() residents: number;
  @ApiProperty() amountFen: number;
}

/** The month's residential charges (beds in homes), beside the service orders' spend. */
export class ResidentialSpendDto {
  @ApiProperty({ type: ResidentialSpendFiguresDto }) totals: ResidentialSpendFiguresDto;
  @ApiProperty({ type: [ResidentialFundingDto] }) byFundingSource: ResidentialFundingDto[];
  @ApiProperty({ type: [ResidentialSpendFiguresDto], description: "By the resident's subsidy category" })
  byCategory: ResidentialSpendFiguresDto[];
  @ApiProperty({ type: [ResidentialSpendFiguresDto] }) byFacility: ResidentialSpendFiguresDto[];
}
