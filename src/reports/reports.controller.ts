import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../common/auth/decorators.js';
import type { Actor } from '../common/auth/roles.js';
import { ApiRoute, SignedInApi } from '../common/http/api-route.js';
import { CoverageService } from './coverage.service.js';
import { CoverageReportDto, FacilityComparisonDto, SubsidyReportDto, UtilisationReportDto } from './dto/report.dto.js';
import { CoverageQuery, FacilitiesQuery, MonthQuery, UtilisationQuery } from './dto/report-query.dto.js';
import { districtNameOf } from '../divisions/district-filter.js';
import { coverageCsv, coverageInDistrict, facilitiesCsv, subsidiesCsv, utilisationCsv } from './report-csv.js';
import { ApiReportResponse, answerReport } from './report-response.js';
import { SubsidiesService } from './subsidies.service.js';
import { UtilisationService } from './utilisation.service.js';

const CSV_NOTE =
  'With ?format=csv, for people: text/csv; charset=utf-8, a UTF-8 BOM, Chinese headers, amounts in 元 and rates in per cent (the JSON keeps field names, fen and ratios).';

@SignedInApi('reports', {
  400: 'VALIDATION_FAILED or REPORT_RANGE_INVALID: a malformed date, month or groupBy, from after to, or more than 400 days',
  403: 'Only bureau staff, admin and centre staff (own facility) see reports',
  422: 'DISTRICT_UNKNOWN: ?district= names no county-level division of Chenzhou',
})
@Roles('bureau_staff', 'admin', 'centre_staff')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly utilisationReports: UtilisationService,
    private readonly coverageReports: CoverageService,
    private readonly subsidyReports: SubsidiesService,
  ) {}

  @Get('utilisation')
  @ApiRoute({
    summary: 'Capacity, bookings, outcomes, caregiver minutes, refused demand and waits, grouped; centre staff see their facility only',
    description: CSV_NOTE,
  })
  @ApiReportResponse(UtilisationReportDto)
  async utilisation(
    @CurrentUser() actor: Actor,
    @Query() query: UtilisationQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UtilisationReportDto | string> {
    const report = await this.utilisationReports.utilisation(actor, query);
    return answerReport(res, query.format, `utilisation-${query.groupBy}-${report.from}-${report.to}`, report, utilisationCsv);
  }

  @Get('coverage')
  @ApiRoute({
    summary: 'Priority groups per street or town: residents, served, entitled and received minutes, shortfall',
    description: CSV_NOTE,
  })
  @ApiReportResponse(CoverageReportDto)
  async coverage(
    @CurrentUser() actor: Actor,
    @Query() query: CoverageQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CoverageReportDto | string> {
    const district = districtNameOf(query.district);
    const report = coverageInDistrict(await this.coverageReports.coverage(actor, query), district);
    return answerReport(res, query.format, `coverage-${query.month}`, report, (r) => coverageCsv(r, district));
  }

  @Get('subsidies')
  @ApiRoute({
    summary: "Spend of the month's completed orders by funding source, subsidy category, service and facility",
    description: CSV_NOTE,
  })
  @ApiReportResponse(SubsidyReportDto)
  async subsidies(
    @CurrentUser() actor: Actor,
    @Query() query: MonthQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SubsidyReportDto | string> {
    const report = await this.subsidyReports.subsidies(actor, query);
    return answerReport(res, query.format, `subsidies-${query.month}`, report, subsidiesCsv);
  }

  @Get('facilities')
  @ApiRoute({
    summary: 'Facilities of a type side by side for a month, ranked by fill rate, flagged over- or under-used',
    description: CSV_NOTE,
  })
  @ApiReportResponse(FacilityComparisonDto)
  async facilities(
    @CurrentUser() actor: Actor,
    @Query() query: FacilitiesQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FacilityComparisonDto | string> {
    const report = await this.utilisationReports.facilities(actor, query);
    return answerReport(res, query.format, `facilities-${query.facilityType ?? 'street_centre'}-${query.month}`, report, facilitiesCsv);
  }
}
