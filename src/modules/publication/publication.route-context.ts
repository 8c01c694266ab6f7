// What every admin handler of proactive disclosure shares: the upload limit, the file store,
// the agencies in the actor's scope, the publication of the URL (authorized to view) and the
// category options of an agency.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/auth/policy.ts';
import { AppError } from '../../platform/errors.ts';
import { parseId } from '../../platform/forms.ts';
import { actorOf } from '../../platform/http/admin-guard.ts';
import { fileStore } from '../../platform/storage/file-store.ts';
import { listAgencies } from '../agency/index.ts';
import { categoryOptions, listCategories } from '../catalog/index.ts';
import { findPublicationById, type PublicationRow } from './publication.repository.ts';

export type PublicationRouteContext = ReturnType<typeof publicationRouteContext>;

export function publicationRouteContext(app: FastifyInstance) {
  const maxBytes = app.deps.config.attachmentMaxBytes;
  const maxLabel =
    maxBytes >= 1024 * 1024 ? `${Math.floor(maxBytes / 1024 / 1024)} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
  const store = () => fileStore(app.deps.config.dataDir);

  const scopeAgencies = async (req: FastifyRequest, action: 'publication.view' | 'publication.draft') => {
    const actor = actorOf(req);
    return (await listAgencies(app.db, { activeOnly: true })).filter((a) => can(actor, action, { agencyId: a.id }));
  };

  const load = async (req: FastifyRequest): Promise<PublicationRow> => {
    const id = parseId((req.params as { id: string }).id);
    const pub = id ? await findPublicationById(app.db, id) : undefined;
    if (!pub) throw new AppError('notFound');
    authorize(req.actor, 'publication.view', { agencyId: pub.agencyId });
    return pub;
  };

  const catOptions = async (agencyId: number) =>
    categoryOptions(await listCategories(app.db, agencyId, { activeOnly: true }));

  return { app, maxBytes, maxLabel, store, scopeAgencies, load, catOptions };
}
