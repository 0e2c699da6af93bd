import { DomainError } from '../common/errors/domain-error.js';

/** Chenzhou's county-level divisions, GB/T 2260 (4310). Reports accept either the code or the name. */
const COUNTIES: Record<string, string> = {
  '431002': '北湖区',
  '431003': '苏仙区',
  '431021': '桂阳县',
  '431022': '宜章县',
  '431023': '永兴县',
  '431024': '嘉禾县',
  '431025': '临武县',
  '431026': '汝城县',
  '431027': '桂东县',
  '431028': '安仁县',
  '431081': '资兴市',
};

/** The district name the registry stores, for a report's ?district= (code or name); 422 when unknown. */
export function districtNameOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (COUNTIES[value]) return COUNTIES[value];
  if (Object.values(COUNTIES).includes(value)) return value;
  throw new DomainError('DISTRICT_UNKNOWN', `${value} is not a county-level division of Chenzhou: give a code from GET /divisions (431002 北湖区 …)`, [
    { field: 'district', message: 'unknown district' },
  ]);
}
