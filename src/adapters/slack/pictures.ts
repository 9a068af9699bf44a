// A prompt's picture in Slack: linked from PUBLIC_URL when there is one; otherwise uploaded once per workspace
// (files.getUploadURLExternal, then the bytes, then files.completeUploadExternal) and shown by its file id. The file
// id is kept in the store, so other instances and a restarted one show the same file instead of uploading again.
import { pictureAlt, type Logger, type PictureSource, type RecordStore } from '../../core/index.ts';
import { underStoreLock } from '../shared/store-lock.ts';
import { slackMemberId } from './ids.ts';
import type { SlackApi } from './slack-api.ts';
import { describeSlackError } from './slack-errors.ts';

/** What a prompt's image block shows: a public URL, or a file uploaded to the workspace. */
export type PromptImage = { url: string; alt: string } | { fileId: string; alt: string };

export interface SlackPictures {
  /** The picture for a challenge in a workspace, or null (no picture, or the upload failed: the prompt goes without). */
  imageFor(workspaceId: string, challengeId: string): Promise<PromptImage | null>;
  /** Slack no longer has the picture's file (deleted in the workspace): it is uploaded again next time. */
  forget(workspaceId: string, challengeId: string): Promise<void>;
}

/** How long a prompt waits for its picture's first upload before it is sent without it. */
const UPLOAD_WAIT_MS = 2_000;
/** How long a workspace's prompts go without pictures after an upload failed (a 429's Retry-After is shorter). */
const UPLOAD_REST_MS = 60_000;
/** How long a stored file id is used: a file deleted in Slack is uploaded again after at most this long. */
const FILE_ID_TTL_MS = 7 * 24 * 3600_000;
const FILE_ID_RECORD = 'slack-picture';
/** How long one instance holds the right to upload a picture to a workspace while the others wait for its file id. */
const UPLOAD_CLAIM_MS = 30_000;
const UPLOAD_CLAIM_RECORD = 'slack-picture-upload';
/** How often an instance that found the upload claimed looks for the file id the claimant stores. */
const SHARED_FILE_POLL_MS = 200;

function text(result: Record<string, unknown>, key: string): string {
  const value = result[key];
  if (typeof value !== 'string' || value === '') throw new Error(`Slack answer without ${key}`);
  return value;
}

/** The record id of a picture's file in a workspace; the picture's ETag is in it, so a changed picture is uploaded anew. */
function fileRecordId(workspaceId: string, challengeId: string, etag: string): string {
  return slackMemberId(workspaceId, `${challengeId}.${etag.replaceAll('"', '')}`);
}

export function createSlackPictures(api: SlackApi, pictures: PictureSource | null, logger: Logger, now: () => number = Date.now, store?: RecordStore): SlackPictures {
  // Kept per process: an instance uploads a picture to a workspace at most once, and a failed upload is tried again.
  const uploaded = new Map<string, Promise<string>>();
  // After a failed upload a workspace's prompts go without pictures for a while, instead of asking again at once.
  const restingUntil = new Map<string, number>();

  async function upload(workspaceId: string, challengeId: string, png: Buffer): Promise<string> {
    const target = await api.call(workspaceId, 'files.getUploadURLExternal', { filename: `${challengeId}.png`, length: png.length, alt_txt: pictureAlt(challengeId) });
    const fileId = text(target, 'file_id');
    const sent = await fetch(text(target, 'upload_url'), { method: 'POST', body: new Uint8Array(png), headers: { 'content-type': 'image/png' } });
    if (!sent.ok) throw new Error(`picture upload answered ${sent.status}`);
    await api.call(workspaceId, 'files.completeUploadExternal', { files: JSON.stringify([{ id: fileId, title: challengeId }]) });
    return fileId;
  }

  /** The file id the instance that claimed the upload stores; fails if none comes while its claim lasts. */
  async function fileIdFromClaimant(shared: RecordStore, recordId: string): Promise<string> {
    const until = Date.now() + UPLOAD_CLAIM_MS;
    while (Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, SHARED_FILE_POLL_MS));
      const stored = await shared.getRecord(FILE_ID_RECORD, recordId);
      if (stored) return stored;
      // The claimant gave up (its upload failed): the picture is not waited for any longer.
      if (!(await shared.getRecord(UPLOAD_CLAIM_RECORD, recordId))) break;
    }
    throw new Error('the instance uploading this picture stored no file id');
  }

  /**
   * The file id another instance (or this one before a restart) stored, else a new upload, stored for them. Instances
   * that want a picture at the same moment (the first slot of a workspace) upload it once: one claims the upload, the
   * others wait for its file id, so a workspace sees one upload per picture and one rate limit to wait out.
   */
  async function sharedOrUpload(workspaceId: string, challengeId: string, png: Buffer, etag: string): Promise<string> {
    if (!store) return upload(workspaceId, challengeId, png);
    const recordId = fileRecordId(workspaceId, challengeId, etag);
    const stored = await store.getRecord(FILE_ID_RECORD, recordId);
    if (stored) return stored;
    const claimed = await underStoreLock(store, { kind: UPLOAD_CLAIM_RECORD, key: recordId, ttlMs: UPLOAD_CLAIM_MS }, async () => {
      const fileId = await upload(workspaceId, challengeId, png);
      await store.putRecord(FILE_ID_RECORD, recordId, fileId, FILE_ID_TTL_MS);
      return fileId;
    });
    return claimed ? claimed.value : fileIdFromClaimant(store, recordId);
  }

  return {
    async forget(workspaceId, challengeId) {
      uploaded.delete(`${workspaceId}/${challengeId}`);
      const etag = pictures?.etag(challengeId);
      if (etag && store) await store.deleteRecord(FILE_ID_RECORD, fileRecordId(workspaceId, challengeId, etag));
    },

    async imageFor(workspaceId, challengeId) {
      if (!pictures) return null;
      const alt = pictureAlt(challengeId);
      const url = pictures.publicUrl(challengeId);
      if (url !== null) return { url, alt };
      const png = pictures.png(challengeId);
      const etag = pictures.etag(challengeId);
      if (!png || !etag) return null;
      const key = `${workspaceId}/${challengeId}`;
      let fileId = uploaded.get(key);
      if (!fileId && (restingUntil.get(workspaceId) ?? 0) > now()) return null;
      if (!fileId) {
        fileId = sharedOrUpload(workspaceId, challengeId, png, etag);
        uploaded.set(key, fileId);
      }
      try {
        // A prompt never waits long for its picture: past the budget it goes without, and the upload carries on for later.
        const ready = await Promise.race([fileId, new Promise<null>((resolve) => setTimeout(resolve, UPLOAD_WAIT_MS, null).unref())]);
        return ready === null ? null : { fileId: ready, alt };
      } catch (err) {
        uploaded.delete(key);
        restingUntil.set(workspaceId, now() + UPLOAD_REST_MS);
        logger.warn({ err: describeSlackError(err) }, 'picture upload failed; the prompt goes without its picture');
        return null;
      }
    },
  };
}
