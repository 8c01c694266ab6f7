// Where the portal sends a citizen for each task, in one place: the header, the home page, the
// footer and the 网站地图 all read these. County-wide entries (领导信箱, 办事指南, the 指南) are the
// top agency's; every progress lookup is the one 进度查询 at /track (issue #14 point 5).
export interface PortalLinks {
  directory: string;
  /** The top agency's 专栏 (its office contacts are at #office-title). */
  county: string;
  serviceGuide: string;
  serviceTrack: string;
  mailbox: string;
  inquiry: string;
  complaint: string;
  letters: string;
  /** The county's 依申请公开 page (how to apply, with the online form's button). */
  infoRequests: string;
  infoRequestForm: string;
  guide: string;
  /** The one 进度查询 entry. */
  track: string;
  /** The other lookups, until they are one. */
  trackInfoRequest: string;
  trackLetter: string;
  trackServiceCase: string;
}

export function portalLinks(rootSlug: string): PortalLinks {
  const a = rootSlug ? `/agencies/${rootSlug}` : '/agencies';
  const under = (path: string) => (rootSlug ? `${a}/${path}` : '/agencies');
  return {
    directory: '/agencies',
    county: a,
    serviceGuide: under('service-hall'),
    serviceTrack: '/track',
    mailbox: under('mailbox'),
    inquiry: under('inquiry'),
    complaint: under('complaint'),
    letters: under('letters'),
    infoRequests: under('apply'),
    infoRequestForm: under('apply/online'),
    guide: under('guide'),
    track: '/track',
    trackInfoRequest: '/track',
    trackLetter: '/track',
    trackServiceCase: '/track',
  };
}
