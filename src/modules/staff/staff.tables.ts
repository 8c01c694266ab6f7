import type { Generated } from 'kysely';

export const EMPLOYMENTS = ['fullTime', 'partTime'] as const;
export type Employment = (typeof EMPLOYMENTS)[number];

export interface StaffMembersTable {
  id: Generated<number>;
  agencyId: number;
  name: string;
  employment: Employment;
  role: string;
  since: string;
  until: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StaffTrainingsTable {
  id: Generated<number>;
  agencyId: number;
  heldOn: string;
  title: string;
  hours: number;
  participants: number;
  createdAt: string;
}

export interface StaffTables {
  staffMembers: StaffMembersTable;
  staffTrainings: StaffTrainingsTable;
}
