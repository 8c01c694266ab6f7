import type { Generated } from 'kysely';
import type { AgencyKind } from '../../platform/agency-kinds.ts';

export { AGENCY_KINDS, type AgencyKind } from '../../platform/agency-kinds.ts';

export interface AgenciesTable {
  id: Generated<number>;
  parentId: number | null;
  /** Materialised path of ids, e.g. "/1/5/": descendants are `path LIKE '/1/%'`. */
  path: string;
  depth: number;
  name: string;
  shortName: string;
  kind: AgencyKind;
  creditCode: string;
  slug: string;
  officeName: string;
  officeAddress: string;
  officePostcode: string;
  officePhone: string;
  officeFax: string;
  officeEmail: string;
  officeHours: string;
  indexPattern: string;
  guideText: string;
  sortOrder: number;
  active: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgencyTables {
  agencies: AgenciesTable;
}
