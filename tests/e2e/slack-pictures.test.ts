// Every Slack prompt carries its picture: image_url from PUBLIC_URL, or a file uploaded once per workspace.
import { afterEach, describe, expect, it } from 'vitest';
import { pictureAlt } from '../../src/core/index.ts';
import { blocksOf, startSlackWorld, WORKSPACE, type SlackWorld } from '../helpers/fake-slack.ts';

const START = '2026-11-25T09:05:00Z';
let world: SlackWorld | null = null;

afterEach(async () => {
  await world?.close();
  world = null;
});

async function promptBlocks(w: SlackWorld, userId: string) {
  const before = w.slack.calls.length;
  await w.command(userId, 'now');
  const post = await w.slack.waitForCall('chat.postMessage', (c) => c.args['channel'] === `D${userId}`, 5000, before);
  const promptId = (blocksOf(post).find((b) => b['type'] === 'actions') as { elements: Array<{ value?: string }> }).elements[0]?.value ?? '';
  const challengeId = (await w.store.getPrompt(promptId))!.challengeId;
  return { blocks: blocksOf(post), challengeId, promptId };
}

describe('Slack prompt pictures', () => {
  it('with PUBLIC_URL, an image block links the picture with its alt text', async () => {
    world = await startSlackWorld({ startIso: START, env: { PUBLIC_URL: 'https://breaks.example.com' } });
    const { blocks, challengeId } = await promptBlocks(world, 'UADA');
    expect(blocks.find((b) => b['type'] === 'image')).toEqual({
      type: 'image',
      image_url: `https://breaks.example.com/media/challenges/${challengeId}.png`,
      alt_text: pictureAlt(challengeId),
    });
    expect(world.slack.callsOf('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('without PUBLIC_URL, each picture is uploaded once per workspace and shown by its file id', async () => {
    world = await startSlackWorld({ startIso: START });
    const first = await promptBlocks(world, 'UADA');
    const image = first.blocks.find((b) => b['type'] === 'image') as { slack_file: { id: string }; alt_text: string };
    expect(image.alt_text).toBe(pictureAlt(first.challengeId));
    const upload = world.slack.callsOf('files.getUploadURLExternal')[0]!;
    expect(upload.args['filename']).toBe(`${first.challengeId}.png`);
    const bytes = world.slack.uploads.get(image.slack_file.id)!;
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(Number(upload.args['length'])).toBe(bytes.length);
    expect(JSON.parse(world.slack.callsOf('files.completeUploadExternal')[0]!.args['files']!)).toEqual([{ id: image.slack_file.id, title: first.challengeId }]);

    // Many prompts to two members of the workspace: each picture is uploaded once and always shown by the same file.
    const fileOf = new Map<string, string>([[first.challengeId, image.slack_file.id]]);
    for (let i = 0; i < 16; i++) {
      const next = await promptBlocks(world, i % 2 === 0 ? 'UBOB' : 'UADA');
      const id = (next.blocks.find((b) => b['type'] === 'image') as { slack_file: { id: string } }).slack_file.id;
      expect(fileOf.get(next.challengeId) ?? id, next.challengeId).toBe(id);
      fileOf.set(next.challengeId, id);
    }
    const filenames = world.slack.callsOf('files.getUploadURLExternal').map((c) => c.args['filename']);
    expect(filenames.length).toBe(fileOf.size);
    expect(new Set(filenames).size).toBe(filenames.length);
  });

  it('another instance, or one started again, shows an uploaded picture by the same file without uploading it again', async () => {
    world = await startSlackWorld({ startIso: START });
    const fileOf = new Map<string, string>();
    const fileIn = (blocks: Array<Record<string, unknown>>) => (blocks.find((b) => b['type'] === 'image') as { slack_file: { id: string } }).slack_file.id;
    for (let i = 0; i < 16; i++) {
      const sent = await promptBlocks(world, 'UADA');
      fileOf.set(sent.challengeId, fileIn(sent.blocks));
    }
    await world.command('UBOB', 'start');
    const uploadsBefore = world.slack.callsOf('files.getUploadURLExternal').length;
    // A second instance on the same store sends prompts of its own (any challenge).
    const other = await world.anotherBot();
    let seenBefore = 0;
    for (let i = 0; i < 16; i++) {
      const before = world.slack.calls.length;
      await other.service.promptNow(`slack:${WORKSPACE}:UBOB`);
      const post = await world.slack.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'DUBOB', 5000, before);
      const promptId = (blocksOf(post).find((b) => b['type'] === 'actions') as { elements: Array<{ value?: string }> }).elements[0]?.value ?? '';
      const challengeId = (await world.store.getPrompt(promptId))!.challengeId;
      const id = fileIn(blocksOf(post));
      if (fileOf.has(challengeId)) seenBefore += 1;
      expect(fileOf.get(challengeId) ?? id, challengeId).toBe(id);
      fileOf.set(challengeId, id);
    }
    // Uploads happened only for pictures neither instance had uploaded yet (16 of 35 seen: a repeat is all but certain).
    expect(seenBefore).toBeGreaterThan(0);
    expect(world.slack.callsOf('files.getUploadURLExternal').length).toBe(fileOf.size);
    expect(world.slack.callsOf('files.getUploadURLExternal').length - uploadsBefore).toBeLessThanOrEqual(16 - seenBefore);
  });

  it('a picture file deleted in Slack: the prompt still goes (without it) and the next one uploads it again', async () => {
    world = await startSlackWorld({ startIso: START });
    const uploadedBefore = new Set<string>();
    for (let i = 0; i < 16; i++) uploadedBefore.add((await promptBlocks(world, 'UADA')).challengeId);
    // An admin deletes every file the app uploaded.
    world.slack.uploads.clear();
    const postsBefore = world.slack.callsOf('chat.postMessage').length;
    for (let i = 0; i < 16; i++) {
      const refusedBefore = world.slack.refusedForFiles;
      const callsBefore = world.slack.calls.length;
      await world.command('UADA', 'now');
      // The post that went through is the last one: a refused one comes before it.
      await world.slack.waitForCall('chat.postMessage', (c) => c.args['channel'] === 'DUADA', 5000, callsBefore);
      const delivered = world.slack.calls.slice(callsBefore).filter((c) => c.method === 'chat.postMessage' && c.args['channel'] === 'DUADA').at(-1)!;
      const image = blocksOf(delivered).find((b) => b['type'] === 'image') as { slack_file: { id: string } } | undefined;
      // Each prompt arrived: with a picture Slack has, or, right after a refusal, without one.
      if (image) expect(world.slack.uploads.has(image.slack_file.id)).toBe(true);
      if (world.slack.refusedForFiles > refusedBefore) expect(image).toBeUndefined();
    }
    // At least one prompt met a deleted file (16 of 35 were uploaded before); each refused post was made again.
    expect(world.slack.refusedForFiles).toBeGreaterThan(0);
    expect(world.slack.callsOf('chat.postMessage').length - postsBefore).toBe(16 + world.slack.refusedForFiles);
  });

  it('a failed upload sends the prompt without a picture; prompts in the next minute do not ask again, a later one does', async () => {
    world = await startSlackWorld({ startIso: START });
    world.slack.failOnce('files.getUploadURLExternal', 'internal_error');
    const { blocks } = await promptBlocks(world, 'UADA');
    expect(blocks.some((b) => b['type'] === 'image')).toBe(false);
    const soon = await promptBlocks(world, 'UADA');
    expect(soon.blocks.some((b) => b['type'] === 'image')).toBe(false);
    expect(world.slack.callsOf('files.getUploadURLExternal')).toHaveLength(1);
    world.advance(61_000);
    const next = await promptBlocks(world, 'UADA');
    expect(next.blocks.some((b) => b['type'] === 'image')).toBe(true);
  });

  it('a prompt does not wait for a slow upload: it goes out without its picture within the 2 s budget', async () => {
    world = await startSlackWorld({ startIso: START });
    world.slack.troubleTimes('files.getUploadURLExternal', 'hang', 1);
    // The upload hangs for the Slack client's 10 s timeout; promptBlocks waits 5 s at most for the post.
    const { blocks } = await promptBlocks(world, 'UADA');
    expect(blocks.some((b) => b['type'] === 'image')).toBe(false);
  });

  it('a swapped prompt shows the new challenge\'s picture', async () => {
    world = await startSlackWorld({ startIso: START, env: { PUBLIC_URL: 'https://breaks.example.com' } });
    const { promptId } = await promptBlocks(world, 'UADA');
    const sent = await world.store.getPrompt(promptId);
    await world.click({ userId: 'UADA', actionId: 'break_swap', value: promptId, channelId: sent!.delivery['channel']!, messageTs: sent!.delivery['ts']! });
    const update = await world.slack.waitForReplacement();
    const now = (await world.store.getPrompt(promptId))!.challengeId;
    expect(blocksOf(update).find((b) => b['type'] === 'image')?.['image_url']).toBe(`https://breaks.example.com/media/challenges/${now}.png`);
  });
});
