// One 进度查询 (issue #14 point 5): one form (编号 + 查询码) for every kind of case a citizen can
// follow. Each module that issues numbers and query codes exports a Tracker; the tracking module
// (src/modules/tracking) asks the one whose number shape matches, which checks the code against
// its stored hash, lets this browser see the case (its own signed, short-lived cookie) and says
// where the case page is. The code only ever travels in a POST body.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface Tracker {
  /** What it finds, e.g. 政府信息公开申请 (shown under the form). */
  label: string;
  /** An example number (the form's hint). */
  example: string;
  /** True when `number` (trimmed, upper case) is one of this tracker's. */
  matches(number: string): boolean;
  /**
   * Checks number + code; on a match sets the view cookie on `reply` and returns the case page's
   * address, else null.
   */
  open(
    app: FastifyInstance,
    req: FastifyRequest,
    reply: FastifyReply,
    number: string,
    code: string,
  ): Promise<string | null>;
}
