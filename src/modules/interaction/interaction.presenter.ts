// What leaves the server about a case, per audience (STYLE practice 11). The public presenter
// has no field for the writer at all and scrubs the texts.
import type { CaseRow } from './interaction.repository.ts';
import { removePersonalData } from './interaction.service.ts';
import { beijingDate } from '../../platform/chinese-date.ts';

export interface PublicLetter {
  id: number;
  topic: string;
  body: string;
  reply: string;
  receivedDate: string;
  repliedDate: string;
}

export function presentLetterForPublic(row: CaseRow): PublicLetter {
  return {
    id: row.id,
    topic: removePersonalData(row.topic, row),
    body: removePersonalData(row.body, row),
    reply: removePersonalData(row.replyText, row, { keepLandlines: true }),
    receivedDate: row.receivedDate,
    repliedDate: beijingDate(row.repliedAt),
  };
}
