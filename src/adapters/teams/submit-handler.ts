// Card submissions (Action.Submit): a break click from the fallback, a saved settings form, or a command button.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { formatDays, HELP_TEXT, isCoreError } from '../../core/index.ts';
import { breakClickSchema, handleBreakClick } from './break-clicks.ts';
import { helpCard } from './cards/command-cards.ts';
import { SETTINGS_SAVE_VERB, settingsCard, settingsSavedCard } from './cards/settings-card.ts';
import { runWords } from './command-runner.ts';
import { cardActivity } from './outbox.ts';
import type { Sender } from './sender.ts';
import { parseSettingsForm } from './settings-form.ts';
import { reply, showInPlace } from './turn-replies.ts';
import type { TurnDeps } from './turn-deps.ts';
import { confirmForget, forgetConfirmSchema } from './forget-confirm.ts';

const submissionSchema = z.looseObject({ verb: z.string() });
const commandSubmissionSchema = z.looseObject({ verb: z.literal('command'), command: z.string().max(200) });

async function saveSettings(deps: TurnDeps, context: TurnContext, sender: Sender, value: unknown): Promise<void> {
  const formId = context.activity.replyToId;
  const form = parseSettingsForm(value);
  if (!form.ok) return showInPlace(deps, context, sender.tenantId, settingsCard(form.values, form.errors), formId);
  await deps.service.enrol({ memberId: sender.memberId, displayName: sender.displayName, timezone: sender.timezone });
  try {
    const { member, nextAt } = await deps.service.updateSettings(sender.memberId, form.patch);
    const s = member.schedule;
    const next = member.active ? (nextAt === null ? ' No break is planned.' : '') : ' Say "start" to turn breaks on.';
    const summary = `${formatDays(s.workdays)}, ${s.start}-${s.end}, every ${s.intervalMinutes} minutes, ${s.timezone}${member.hasBand ? ', with a resistance band' : ''}.${next}`;
    await showInPlace(deps, context, sender.tenantId, settingsSavedCard(summary), formId);
  } catch (err) {
    if (!isCoreError(err) || err.code === 'store_unavailable') throw err;
    await showInPlace(deps, context, sender.tenantId, settingsCard(form.values, [err.message]), formId);
  }
}

async function clickFromSubmit(deps: TurnDeps, context: TurnContext, sender: Sender, value: unknown): Promise<void> {
  const click = breakClickSchema.safeParse(value);
  if (!click.success) return void (await reply(deps, context, sender.tenantId, { type: 'message', text: 'That button did not carry a break I know.' }));
  const outcome = await handleBreakClick(deps, click.data, sender);
  if (outcome.kind === 'not-yours') return void (await reply(deps, context, sender.tenantId, { type: 'message', text: outcome.message }));
  // A team challenge's card is shared by the channel: the live count updates it for everyone.
  if (outcome.prompt?.kind === 'team') return;
  await showInPlace(deps, context, sender.tenantId, outcome.card, context.activity.replyToId ?? outcome.prompt?.delivery['activityId']);
}

export async function onSubmit(deps: TurnDeps, context: TurnContext, sender: Sender, value: unknown): Promise<void> {
  const verb = submissionSchema.safeParse(value);
  if (verb.success && breakClickSchema.shape.verb.safeParse(verb.data.verb).success) return clickFromSubmit(deps, context, sender, value);
  if (verb.success && verb.data.verb === SETTINGS_SAVE_VERB) return saveSettings(deps, context, sender, value);
  const forget = forgetConfirmSchema.safeParse(value);
  if (forget.success) {
    const outcome = await confirmForget(deps, sender.memberId, forget.data);
    return void (await reply(deps, context, sender.tenantId, { type: 'message', text: outcome.message }));
  }
  const command = commandSubmissionSchema.safeParse(value);
  if (command.success) return runWords(deps, context, sender, command.data.command);
  await reply(deps, context, sender.tenantId, cardActivity(helpCard(HELP_TEXT, null)));
}
