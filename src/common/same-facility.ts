/**
 * A consistency rule, not an access rule: two records that must belong together are at the same
 * facility (a caregiver given a shift or a visit of that facility, a bed for an admission there).
 * Who may act on a facility is decided by the access policy (src/common/access/); this only keeps
 * the data coherent once the caller is allowed, and names the comparison so it is not mistaken for one.
 */
export function sameFacility(facilityId: string | null | undefined, other: string | null | undefined): boolean {
  return !!facilityId && facilityId === other;
}
