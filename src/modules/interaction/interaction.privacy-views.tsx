// The 留言选登 decision on a letter's staff page: what publishing will mask (the personal-data
// guard's findings in the title, the letter and the reply, shown masked), then the two buttons.
import { PostButton } from '../../platform/views/components.tsx';
import { publicationFindings } from './interaction.privacy.ts';
import type { CaseRow } from './interaction.repository.ts';

export function LetterPublication({ row, csrf }: { row: CaseRow; csrf: string }) {
  const findings = publicationFindings(row);
  const published = row.publication === 'published';
  return (
    <div class="letter-publication">
      {findings.length ? (
        <div class="privacy-note" role="note">
          <p>
            <strong>
              {published
                ? '留言选登公开的文字中，以下个人信息已遮盖（条例第十五条）：'
                : '在留言选登公开时，以下个人信息将自动遮盖（条例第十五条），请核对：'}
            </strong>
          </p>
          <ul>
            {findings.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="hint">未发现需要遮盖的个人信息。</p>
      )}
      <p>
        {!published ? (
          <PostButton
            action={`/admin/interaction/${row.id}/publication`}
            csrf={csrf}
            label="在留言选登公开"
            hidden={{ publish: 'yes' }}
          />
        ) : null}
        {row.publication !== 'declined' ? (
          <PostButton
            action={`/admin/interaction/${row.id}/publication`}
            csrf={csrf}
            label="不予公开"
            hidden={{ publish: 'no' }}
          />
        ) : null}
      </p>
    </div>
  );
}
