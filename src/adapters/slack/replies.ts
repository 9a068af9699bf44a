// The ways a handler answers one person: in-place message updates, ephemeral notes, response_url replies.
import type { SlackDeps, Workspace } from './deps.ts';
import type { SlackMessage } from './blocks/kit.ts';

export async function updateMessage(deps: SlackDeps, workspace: Workspace, channel: string, ts: string, msg: SlackMessage): Promise<void> {
  await deps.api.call(workspace.id, 'chat.update', { channel, ts, text: msg.text, blocks: msg.blocks }, workspace.token);
}

export async function ephemeral(deps: SlackDeps, workspace: Workspace, channel: string, userId: string, msg: SlackMessage): Promise<void> {
  await deps.api.call(workspace.id, 'chat.postEphemeral', { channel, user: userId, text: msg.text, blocks: msg.blocks }, workspace.token);
}

/** Into the person's DM with the app (a user id as the channel), for answers with nowhere else to go. */
export async function direct(deps: SlackDeps, workspace: Workspace, userId: string, msg: SlackMessage): Promise<void> {
  await deps.api.call(workspace.id, 'chat.postMessage', { channel: userId, text: msg.text, blocks: msg.blocks }, workspace.token);
}

/** The clicked message replaced in place through the click's response_url (see SlackApi.replaceOriginal). */
export async function replaceClicked(deps: SlackDeps, workspace: Workspace, responseUrl: string, msg: SlackMessage): Promise<void> {
  await deps.api.replaceOriginal(workspace.id, responseUrl, { text: msg.text, blocks: msg.blocks });
}

export async function respond(deps: SlackDeps, workspace: Workspace, responseUrl: string, msg: SlackMessage): Promise<void> {
  await deps.api.respond(workspace.id, responseUrl, { response_type: 'ephemeral', text: msg.text, blocks: msg.blocks });
}
