// Every audit action the source can write, found by reading it (the TypeScript syntax tree of
// src/) and by asking the state machines for their steps. Used by the test that every such
// action has a Chinese name on the 审计日志 page.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { annualReportMachine } from '../../src/modules/annual-report/annual-report.states.ts';
import { proactiveMachine } from '../../src/modules/info-request/proactive.states.ts';
import { infoRequestMachine } from '../../src/modules/info-request/info-request.states.ts';
import { CASE_MACHINES } from '../../src/modules/interaction/case.states.ts';
import { CASE_KINDS } from '../../src/modules/interaction/interaction.tables.ts';
import { meetingMachine } from '../../src/modules/meeting/meeting.states.ts';
import { revisionMachine } from '../../src/modules/publication/publication.revision-service.ts';
import { publicationMachine } from '../../src/modules/publication/publication.states.ts';
import { amendmentMachine } from '../../src/modules/record-amendment/record-amendment.states.ts';
import { serviceCaseMachine } from '../../src/modules/service-hall/service-hall.states.ts';

/**
 * The action arguments that are not a string literal, and what they can be. A new computed action
 * is not known here, and the test names it: add its values (and their Chinese names).
 */
export const COMPUTED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  '`${c.kind}.received`': CASE_KINDS.map((k) => `${k}.received`),
  '`${r.kind}.dueRecomputed`': CASE_KINDS.map((k) => `${k}.dueRecomputed`),
  '`letter.${publication}`': ['letter.published', 'letter.declined'],
  '`annualReport.${part}`': ['annualReport.narratives', 'annualReport.figures', 'annualReport.scope'],
  // info-request.service.ts audit(): the callers' literal step names are collected below.
  '`infoRequest.${action}`': [],
  // number-setting.tsx: the `auditAction:` properties are collected below.
  's.auditAction': [],
  // state-machine.ts transition(): the machines' steps are enumerated below.
  'step.audit ?? planned.audit': [],
  'step.audit ?? `${this.entity}.${event}`': [],
  // platform/audit.ts: recordEvent passes its own argument on.
  action: [],
  // insertAudited/updateAudited pass `w.action`: the `action:` of their callers is collected below.
  'w.action': [],
};

const MACHINES = [
  annualReportMachine,
  proactiveMachine,
  infoRequestMachine,
  ...Object.values(CASE_MACHINES),
  meetingMachine,
  revisionMachine,
  publicationMachine,
  amendmentMachine,
  serviceCaseMachine,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
  });
}

export interface Collected {
  actions: Set<string>;
  /** Action arguments this collector does not understand (file: expression). */
  unknown: string[];
}

export function collectAuditActions(srcDir = fileURLToPath(new URL('../../src', import.meta.url))): Collected {
  const actions = new Set<string>();
  const unknown: string[] = [];
  const take = (file: string, e: ts.Expression, sf: ts.SourceFile) => {
    if (ts.isStringLiteralLike(e)) actions.add(e.text);
    else if (ts.isConditionalExpression(e)) {
      take(file, e.whenTrue, sf);
      take(file, e.whenFalse, sf);
    } else if (ts.isParenthesizedExpression(e)) take(file, e.expression, sf);
    else {
      const text = e.getText(sf);
      const known = COMPUTED_ACTIONS[text];
      if (known) known.forEach((a) => actions.add(a));
      else unknown.push(`${file}: ${text}`);
    }
  };
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const name = n.expression.text;
        const arg = (i: number) => n.arguments[i];
        if ((name === 'recordEvent' || name === 'recordEvents') && arg(2)) take(file, arg(2)!, sf);
        if ((name === 'insertAudited' || name === 'updateAudited') && arg(2) && ts.isObjectLiteralExpression(arg(2)!)) {
          for (const p of (arg(2) as ts.ObjectLiteralExpression).properties)
            if (ts.isPropertyAssignment(p) && p.name.getText(sf) === 'action') take(file, p.initializer, sf);
        }
        // info-request.service.ts: audit(trx, ctx, r, 'step', after) writes infoRequest.<step>.
        if (name === 'audit' && file.includes('info-request') && arg(3) && ts.isStringLiteralLike(arg(3)!))
          actions.add(`infoRequest.${(arg(3) as ts.StringLiteral).text}`);
      }
      if (ts.isPropertyAssignment(n) && ['audit', 'auditAction'].includes(n.name.getText(sf)))
        take(file, n.initializer, sf);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  for (const m of MACHINES)
    for (const [event, step] of Object.entries(m.steps)) actions.add(step.audit ?? `${m.entity}.${event}`);
  return { actions, unknown };
}
