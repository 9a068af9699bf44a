// The few Adaptive Card building blocks the bot uses, typed loosely: every card is plain JSON, version 1.5 at most.

/** Teams renders up to 1.5 on every client; newer schema features would silently fail on some. */
export const CARD_VERSION = '1.5';
const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export interface CardElement {
  type: string;
  [key: string]: unknown;
}

export interface CardAction {
  type: 'Action.Execute' | 'Action.Submit' | 'Action.OpenUrl';
  title: string;
  [key: string]: unknown;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width: 'Full' };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function card(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: CARD_VERSION, body, ...(actions.length > 0 ? { actions } : {}) };
}

export interface TextOptions {
  size?: 'small' | 'default' | 'medium' | 'large';
  weight?: 'default' | 'bolder';
  color?: 'default' | 'accent' | 'good' | 'warning' | 'attention';
  subtle?: boolean;
  spacing?: 'none' | 'small' | 'medium';
}

export function text(value: string, options: TextOptions = {}): CardElement {
  return {
    type: 'TextBlock',
    text: value,
    wrap: true,
    ...(options.size ? { size: options.size } : {}),
    ...(options.weight ? { weight: options.weight } : {}),
    ...(options.color ? { color: options.color } : {}),
    ...(options.subtle ? { isSubtle: true } : {}),
    ...(options.spacing ? { spacing: options.spacing } : {}),
  };
}

export function heading(value: string): CardElement {
  return text(value, { size: 'medium', weight: 'bolder' });
}

export function facts(entries: ReadonlyArray<readonly [string, string]>): CardElement {
  return { type: 'FactSet', facts: entries.map(([title, value]) => ({ title, value })) };
}

/** Card text is markdown and Teams shows backslash escapes literally, so only break the link syntax in names. */
export function plain(value: string): string {
  return value.replace(/\]\(/g, '] (');
}
