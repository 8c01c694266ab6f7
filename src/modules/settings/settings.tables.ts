export interface SettingsTable {
  /** 0 for platform-wide settings, otherwise the agency the value applies to. */
  agencyId: number;
  key: string;
  /** JSON-encoded value. */
  value: string;
  updatedAt: string;
}

export interface SettingsTables {
  settings: SettingsTable;
}
