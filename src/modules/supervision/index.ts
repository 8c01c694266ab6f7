// The supervision module's public surface for other modules (the annual report).
export {
  countSupervision,
  satisfactionOverTime,
  type SatisfactionPoint,
  type SupervisionCounts,
} from './supervision.report.ts';
