// Row types shared by presenters and views (re-exported so views never import the repository).
export type { AppealRow, ConsultationRow, EventRow, InfoRequestRow, LetterRow } from './info-request.repository.ts';

export interface AttachmentRowLike {
  id: number;
  fileName: string;
  size: number;
}
