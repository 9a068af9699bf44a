// Several instances that want the same picture for a workspace at the same moment (its first slot) upload it once:
// one claims the upload, the others show the file id it stores. A claimant whose upload fails lets the others go on
// without the picture instead of waiting out the claim.
import { afterEach, expect, it } from 'vitest';
import { MemoryStore } from '../../src/adapters/memory/index.ts';
import { createSlackPictures } from '../../src/adapters/slack/pictures.ts';
import { SlackApi } from '../../src/adapters/slack/slack-api.ts';
import type { Logger, PictureSource } from '../../src/core/index.ts';
import { BOT_TOKEN, FakeSlack } from '../helpers/fake-slack.ts';

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const PNG = Buffer.from('\x89PNG\r\n\x1a\n-a-tiny-test-picture', 'latin1');
const source: PictureSource = { png: () => PNG, etag: () => '"etag-1"', publicUrl: () => null };

let slack: FakeSlack | null = null;
afterEach(async () => {
  await slack?.close();
  slack = null;
});

async function instances(count: number, store: MemoryStore) {
  slack = new FakeSlack();
  await slack.start();
  const apiUrl = slack.apiUrl;
  return Array.from({ length: count }, () => createSlackPictures(new SlackApi({ store, apiUrl, tokenFor: async () => BOT_TOKEN, logger: silent }), source, silent, Date.now, store));
}

it('four instances asking for the same picture at once: one upload, one file shown by all', async () => {
  const store = new MemoryStore();
  const bots = await instances(4, store);
  const images = await Promise.all(bots.map((bot) => bot.imageFor('T0TEST', 'glute-bridge')));
  expect(slack!.callsOf('files.getUploadURLExternal')).toHaveLength(1);
  const ids = images.map((image) => (image && 'fileId' in image ? image.fileId : null));
  expect(ids[0]).toMatch(/^F/);
  expect(new Set(ids)).toEqual(new Set([ids[0]]));
});

it('when the claimant\'s upload fails, the others stop waiting and go without the picture', async () => {
  const store = new MemoryStore();
  const bots = await instances(2, store);
  slack!.failOnce('files.getUploadURLExternal', 'invalid_arguments');
  const started = performance.now();
  const images = await Promise.all(bots.map((bot) => bot.imageFor('T0TEST', 'glute-bridge')));
  expect(images).toEqual([null, null]);
  expect(performance.now() - started).toBeLessThan(3000);
  expect(slack!.callsOf('files.getUploadURLExternal')).toHaveLength(1);
});
