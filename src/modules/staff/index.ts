// The staff module's public surface for other modules (the annual report's 工作人员 figures).
export { countStaff, legacyStaffText, type StaffCounts } from './staff.report.ts';
export { staffAdminRoutes } from './staff.routes.tsx';
export { addStaffMember, recordTraining } from './staff.service.ts';
