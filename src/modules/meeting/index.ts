// The meeting module's door (issue #17 point 5, 会议公开): its routes, the demo, what the publication
// page shows of the meeting a publication came from, and the rules the annual report counts with.
export { meetingPublicRoutes } from './meeting.public-routes.tsx';
export { meetingAdminRoutes } from './meeting.admin-routes.tsx';
export { meetingsOfPublication } from './meeting.service.ts';
export { KIND_LABELS as MEETING_KIND_LABELS, ROLE_LABELS as ATTENDEE_ROLE_LABELS } from './meeting.rules.ts';
export { seedDemoMeeting } from './meeting.demo.ts';
