// The JSON API under /web/api: parse the input, call one use case, answer with the core's view.
import express, { type Router } from 'express';
import { NotEnrolledError, parseCommand, runCommand, type BreakService, type ClickOutcome, type Member } from '../../core/index.ts';
import type { EventHub } from './event-hub.ts';
import { WEB_TENANT, webMemberId, webTeamId } from './identity.ts';
import {
  clickAction,
  clickBody,
  commandBody,
  forgetBody,
  leaderboardQuery,
  nameQuery,
  parseInput,
  sessionBody,
  settingsBody,
  awayBody,
} from './requests.ts';
import { AWAY_KIND, getAway, setAway } from './away-status.ts';
import { openEventStream } from './event-stream.ts';
import { admitMember, releaseMember } from './limits.ts';

/** Outcomes that change the card, so the member's other open tabs update it too. */
const CARD_CHANGING: readonly ClickOutcome[] = ['done', 'already-done', 'snoozed', 'skipped', 'swapped'];

function teamInput(teamName: string, timezone: string | undefined) {
  return { teamId: webTeamId(teamName), name: teamName, timezone };
}

export function createApiRouter(service: BreakService, hub: EventHub, maxMembers: number): Router {
  const api = express.Router();
  api.use(express.json({ limit: '16kb' }));
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  api.post('/session', async (req, res) => {
    const body = parseInput(sessionBody, req.body);
    const memberId = webMemberId(body.name);
    await admitMember(service, memberId, maxMembers);
    const member = await service.enrol({ memberId, displayName: body.name, timezone: body.timezone });
    let team: { teamId: string; name: string } | null = null;
    if (body.team !== undefined) {
      const joined = await service.ensureTeam(teamInput(body.team, member.schedule.timezone));
      await service.joinTeam(memberId, joined.id);
      team = { teamId: joined.id, name: joined.name };
    }
    res.json({ memberId, displayName: member.displayName, team, stats: await service.stats(memberId) });
  });

  api.post('/command', async (req, res) => {
    const body = parseInput(commandBody, req.body);
    const memberId = webMemberId(body.name);
    const team = body.team === undefined ? undefined : teamInput(body.team, body.timezone);
    const word = parseCommand(body.text).word;
    // "help" and "forget-me" create nobody, so they need no room.
    if (word !== 'help' && word !== 'forget-me') await admitMember(service, memberId, maxMembers);
    const reply = await runCommand(service, { memberId, displayName: body.name, timezone: body.timezone, locale: body.locale, team }, body.text);
    if (word === 'forget-me' && !(await service.getMember(memberId))) {
      hub.forget(memberId);
      await releaseMember(service, memberId);
    }
    res.json(reply);
  });

  api.post('/settings', async (req, res) => {
    const { name, holidays, ...rest } = parseInput(settingsBody, req.body);
    const memberId = webMemberId(name);
    await service.updateSettings(memberId, { ...rest, ...(holidays === undefined ? {} : { holidays: holidays === '' ? null : holidays }) });
    res.json(await service.stats(memberId));
  });

  api.post('/click', async (req, res) => {
    const body = parseInput(clickBody, req.body);
    const memberId = webMemberId(body.name);
    const result = await service.click(body.promptId, memberId, clickAction(body));
    if (CARD_CHANGING.includes(result.outcome)) hub.publish(memberId, 'prompt-update', result, false);
    res.json(result);
  });

  // The "Busy" / "Out of office" switch: holds or skips prompts as a meeting or out-of-office status would.
  api.post('/away', async (req, res) => {
    const body = parseInput(awayBody, req.body);
    const memberId = webMemberId(body.name);
    if (!(await service.getMember(memberId))) throw new NotEnrolledError();
    res.json(await setAway(service.ctx.store, service.ctx.clock, memberId, body.status));
  });

  api.get('/away', async (req, res) => {
    const { name } = parseInput(nameQuery, req.query);
    res.json(await getAway(service.ctx.store, service.ctx.clock, webMemberId(name)));
  });

  api.get('/stats', async (req, res) => {
    const { name } = parseInput(nameQuery, req.query);
    res.json(await service.stats(webMemberId(name)));
  });

  api.get('/leaderboard', async (req, res) => {
    const query = parseInput(leaderboardQuery, req.query);
    const member: Member | null = await service.getMember(webMemberId(query.name));
    if (!member) throw new NotEnrolledError();
    const teamId = query.team === undefined ? (member.teamIds[0] ?? null) : webTeamId(query.team);
    const view = teamId === null ? null : await service.leaderboard(teamId, member.id);
    const workspace = await service.workspaceBoard('web', WEB_TENANT, teamId);
    res.json({ view, workspace });
  });

  api.post('/forget', async (req, res) => {
    const { name } = parseInput(forgetBody, req.body);
    const memberId = webMemberId(name);
    await service.forget(memberId);
    await service.ctx.store.deleteRecord(AWAY_KIND, memberId);
    hub.forget(memberId);
    await releaseMember(service, memberId);
    res.json({ forgotten: true });
  });

  api.get('/events', (req, res) => {
    const { name } = parseInput(nameQuery, req.query);
    openEventStream(hub, webMemberId(name), res);
  });

  api.use((_req, res) => {
    res.status(404).json({ error: 'There is no such web chat endpoint.' });
  });
  return api;
}
