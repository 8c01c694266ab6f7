// The kinds of agency. Below the modules (#13 point 1) because the agency module stores an
// agency's kind and the catalog module, which is below agency, picks the default 目录 taxonomy by
// it (the town list of 第二十一条 for towns, townships and sub-districts).
export const AGENCY_KINDS = ['countyGovernment', 'department', 'town', 'township', 'subDistrict'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
