// Types for scripts/package-teams.mjs, so the tests can call it from TypeScript.
export interface ManifestValues {
  MICROSOFT_APP_ID: string;
  TEAMS_APP_ID: string;
  APP_VERSION: string;
  DEVELOPER_NAME: string;
  DEVELOPER_URL: string;
  PRIVACY_URL: string;
  TERMS_URL: string;
}
export function manifestValues(
  env: Record<string, string | undefined>,
  appVersion: string,
): { values: ManifestValues; problems: string[]; warnings: string[] };
export function fillManifest(template: string, values: Record<string, string>): Record<string, unknown>;
export function zipFiles(entries: Array<{ name: string; data: Buffer }>): Buffer;
export function buildTeamsPackage(
  env: Record<string, string | undefined>,
  root?: string,
): { zip: Buffer; manifest: Record<string, unknown>; warnings: string[] };
