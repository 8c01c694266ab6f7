// The printable HTML of a stored letter: the same LetterData as the DOCX, laid out as an A4
// page (public/site.css "info-request" section has the print rules). No JavaScript.
import { ICON_PATH } from '../../platform/views/layout.tsx';
import { letterAsWritten, type LetterData } from './info-request.letters.ts';

export function LetterBody({ letter: stored }: { letter: LetterData }) {
  const letter = letterAsWritten(stored);
  return (
    <article class="ir-letter">
      <p class="ir-letter-agency">{letter.agencyName}</p>
      <h1 class="ir-letter-title">{letter.title}</h1>
      <p class="ir-letter-ref">申请编号：{letter.reference}</p>
      <p>{letter.addressee}：</p>
      {letter.paragraphs.map((p, i) => (
        <p key={i} class="ir-letter-para">
          {p}
        </p>
      ))}
      {letter.fields.length ? (
        <table class="ir-letter-fields">
          <caption class="visually-hidden">{letter.title}的要点</caption>
          <tbody>
            {letter.fields.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {letter.remedy ? <p class="ir-letter-para ir-letter-remedy">{letter.remedy}</p> : null}
      <p class="ir-letter-sign">{letter.agencyName}</p>
      <p class="ir-letter-sign">{letter.issuedOn}</p>
      <p class="ir-letter-contact">
        （{letter.officeName}；{letter.officeContact}）
      </p>
    </article>
  );
}

/** A standalone printable document (no site chrome), served for "打印" links. */
export function LetterDocument({ letter }: { letter: LetterData }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${letter.title}（${letter.reference}）`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
        <link rel="icon" type="image/svg+xml" href={ICON_PATH} />
      </head>
      <body class="ir-letter-page">
        <main id="main">
          <LetterBody letter={letter} />
        </main>
      </body>
    </html>
  );
}
