// Who is who in the local web chat: a typed name becomes a member id, a typed team name a team id.
import { z } from 'zod';
import { memberId, teamId } from '../../core/index.ts';

/** The web chat has one tenant: this machine. */
export const WEB_TENANT = 'local';

const NAME_CHARS = /^[\p{L}\p{N} ._-]{1,40}$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function displayNameSchema(field: 'name' | 'team') {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`) })
    .transform((value) => value.trim().replace(/\s+/g, ' '))
    .refine((value) => NAME_CHARS.test(value), { error: 'use 1 to 40 letters, digits, spaces, dots, dashes or underscores' })
    .refine((value) => HAS_LETTER_OR_DIGIT.test(value), { error: 'needs at least one letter or digit' });
}

/** A person's display name as typed (trimmed, inner spaces collapsed). */
export const nameSchema = displayNameSchema('name');
/** A team's display name as typed. */
export const teamNameSchema = displayNameSchema('team');

/** `web:local:<name>`: lower case, so "Ada" and "ada" are the same person. */
export function webMemberId(displayName: string): string {
  return memberId('web', WEB_TENANT, displayName.toLowerCase());
}

/** "Design Team" -> "design-team". */
export function teamSlug(teamName: string): string {
  return teamName
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** `web:local:<team-slug>`. */
export function webTeamId(teamName: string): string {
  return teamId('web', WEB_TENANT, teamSlug(teamName));
}
