// Holds a card to what Teams renders: it parses with the adaptivecards package without errors, its version is 1.5 or
// lower, and every element, action and property it uses exists in 1.5 (per the package's own registry and schemas).
import { createRequire } from 'node:module';

type AdaptiveCards = typeof import('adaptivecards');
// The UMD build loads in Node without a DOM; the ESM entry does not.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCards;

const MAX_VERSION = AC.Versions.v1_5;
/** Payload keys: their contents are ours (action data), not card schema. */
const OPAQUE_KEYS = new Set(['data', 'msteams']);

export function parseProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(MAX_VERSION);
  parsed.parse(card as Record<string, unknown>, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

function registrationOf(type: string) {
  return AC.GlobalRegistry.elements.findByName(type) ?? AC.GlobalRegistry.actions.findByName(type);
}

function checkTyped(node: Record<string, unknown>, type: string, path: string, problems: string[]): void {
  if (type === 'AdaptiveCard') return;
  const registration = registrationOf(type);
  if (!registration) {
    problems.push(`${path}: unknown type ${type}`);
    return;
  }
  if (registration.schemaVersion.compareTo(MAX_VERSION) > 0) problems.push(`${path}: ${type} needs ${registration.schemaVersion.toString()}`);
  const schema = new registration.objectType().getSchema();
  for (let i = 0; i < schema.getCount(); i += 1) {
    const property = schema.getItemAt(i);
    if (property.name in node && property.targetVersion.compareTo(MAX_VERSION) > 0) {
      problems.push(`${path}.${property.name}: needs ${property.targetVersion.toString()}`);
    }
  }
}

function walk(node: unknown, path: string, problems: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, `${path}[${i}]`, problems));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (typeof record['type'] === 'string') checkTyped(record, record['type'], path, problems);
  for (const [key, value] of Object.entries(record)) if (!OPAQUE_KEYS.has(key)) walk(value, `${path}.${key}`, problems);
}

export function versionProblems(card: unknown): string[] {
  const problems: string[] = [];
  const record = (typeof card === 'object' && card !== null ? card : {}) as Record<string, unknown>;
  if (record['type'] !== 'AdaptiveCard') problems.push('root: not an AdaptiveCard');
  const version = typeof record['version'] === 'string' ? AC.Version.parse(record['version'], new AC.SerializationContext()) : undefined;
  if (!version?.isValid) problems.push(`root: version ${String(record['version'])} is not a version`);
  else if (version.compareTo(MAX_VERSION) > 0) problems.push(`root: version ${version.toString()} is above 1.5`);
  walk(card, 'card', problems);
  return problems;
}

/** Every problem with a card; empty when Teams can render it on every client. */
export function cardProblems(card: unknown): string[] {
  return [...parseProblems(card), ...versionProblems(card)];
}
