import type { ResidentCharge } from './charges.service.js';
import type { ResidentialFundingDto, ResidentialSpendDto, ResidentialSpendFiguresDto } from './dto/residential-spend.dto.js';

/** Sums the month's residential charges by funding source, subsidy category and facility. */
export function residentialSpend(charges: readonly ResidentCharge[]): ResidentialSpendDto {
  const zero = (key: string, label?: string): ResidentialSpendFiguresDto => ({
    key,
    ...(label === undefined ? {} : { label }),
    residents: 0,
    baseFen: 0,
    subsidyFen: 0,
    copayFen: 0,
  });
  const totals = zero('total');
  const byCategory = new Map<string, ResidentialSpendFiguresDto>();
  const byFacility = new Map<string, ResidentialSpendFiguresDto>();
  const byFunding = new Map<string, ResidentialFundingDto>();
  const add = (e: ResidentialSpendFiguresDto, c: ResidentCharge) => {
    e.residents += 1;
    e.baseFen += c.baseFen;
    e.subsidyFen += c.subsidyFen;
    e.copayFen += c.copayFen;
  };
  for (const c of charges) {
    add(totals, c);
    const category = byCategory.get(c.subsidyCategory) ?? zero(c.subsidyCategory);
    add(category, c);
    byCategory.set(c.subsidyCategory, category);
    const facility = byFacility.get(c.facilityId) ?? zero(c.facilityId, c.facilityName);
    add(facility, c);
    byFacility.set(c.facilityId, facility);
    for (const f of c.funding) {
      const entry = byFunding.get(f.source) ?? { key: f.source, residents: 0, amountFen: 0 };
      entry.residents += 1;
      entry.amountFen += f.amountFen;
      byFunding.set(f.source, entry);
    }
  }
  const sorted = <T extends { key: string; label?: string }>(m: Map<string, T>) =>
    [...m.values()].sort((a, b) => (a.label ?? a.key).localeCompare(b.label ?? b.key) || a.key.localeCompare(b.key));
  return { totals, byFundingSource: sorted(byFunding), byCategory: sorted(byCategory), byFacility: sorted(byFacility) };
}
