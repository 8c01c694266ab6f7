// What every page needs besides its own data: who is looking, the CSRF token for its forms,
// the reader's display preferences and the site's name.
import type { SiteIdentity } from '../../config.ts';
import type { Actor } from '../auth/actor.ts';

export interface DisplayPrefs {
  font: 'normal' | 'large' | 'xlarge';
  contrast: boolean;
  /** 关怀版 (适老化, 工信部《互联网网站适老化通用设计规范》): large type, big targets, one column. */
  care: boolean;
}

/** The footer's identifiers with the defaults resolved (the top agency's name and pages). */
export interface SiteFooter extends SiteIdentity {
  /** The top agency's 网址标识, for the portal's county-wide entries (信箱, 指南, 办事指南); '' before seeding. */
  rootSlug: string;
}

export interface PageContext {
  siteName: string;
  site: SiteFooter;
  actor: Actor | null;
  /**
   * The CSRF token for this page's forms, minted on first read: a page without a POST form sets
   * no CSRF cookie, so it can be shared by the public page cache.
   */
  readonly csrfToken: string;
  prefs: DisplayPrefs;
  /** The path and query of this page, for return links. */
  url: string;
  /** A fixed message (flash) chosen by a `flash` query parameter after a redirect. */
  flash: string | null;
}

export const FLASH_MESSAGES: Record<string, string> = {
  saved: '已保存。',
  created: '已创建。',
  deactivated: '已停用。',
  activated: '已启用。',
  moved: '已移动。',
  passwordChanged: '密码已修改。',
  loggedOut: '您已安全退出。',
  imported: '已导入。',
  unlocked: '已解除登录限制。',
  reset: '已重置密码，新的一次性密码见下方。',
  queued: '已加入发送队列。',
  alreadyRegistered: '该申请已经登记，没有重复登记。',
};
