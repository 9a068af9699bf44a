import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderHome } from '../../../../src/adapters/slack/blocks/home.ts';
import { HELP_TEXT, MEDICAL_NOTE, runCommand } from '../../../../src/core/index.ts';
import { makeCore } from '../../../helpers/core-fixture.ts';

const ADA = { memberId: 'web:local:ada', displayName: 'Ada', timezone: 'Europe/Berlin' };

describe('the "not medical advice" line is shown to people, not only in the docs', () => {
  it('is part of the reply to start', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    const reply = await runCommand(core.service, ADA, 'start');
    expect(reply.kind === 'text' && reply.text).toContain(MEDICAL_NOTE);
    expect(MEDICAL_NOTE).toMatch(/^Not medical advice: if you have pain or an injury, check with a/);
  });

  it('is part of the help text', async () => {
    expect(HELP_TEXT).toContain(MEDICAL_NOTE);
    const core = makeCore('2026-11-25T08:00:00Z');
    const reply = await runCommand(core.service, ADA, 'dance');
    expect(reply.kind === 'help' && reply.text).toContain(MEDICAL_NOTE);
  });

  it('is on the Slack App Home, for newcomers and members alike', async () => {
    const core = makeCore('2026-11-25T08:00:00Z');
    await runCommand(core.service, ADA, 'start');
    for (const view of [renderHome(null), renderHome(await core.service.stats(ADA.memberId))]) {
      expect(JSON.stringify(view.blocks)).toContain(MEDICAL_NOTE);
    }
  });

  it('is on the web chat page, on the sign-in card and beside the conversation', () => {
    const page = readFileSync(new URL('../../../../src/adapters/web/public/index.html', import.meta.url), 'utf8');
    expect(page.split(MEDICAL_NOTE).length - 1).toBe(2);
  });
});
