// The due index holds three kinds of job id: a member's next prompt, a team's daily challenge, a team's weekly digest.
export type Job =
  | { kind: 'member'; memberId: string }
  | { kind: 'team'; teamId: string }
  | { kind: 'digest'; teamId: string };

const TEAM = 'team|';
const DIGEST = 'digest|';

export function jobId(job: Job): string {
  switch (job.kind) {
    case 'member':
      return job.memberId;
    case 'team':
      return TEAM + job.teamId;
    case 'digest':
      return DIGEST + job.teamId;
  }
}

export function parseJobId(id: string): Job {
  if (id.startsWith(TEAM)) return { kind: 'team', teamId: id.slice(TEAM.length) };
  if (id.startsWith(DIGEST)) return { kind: 'digest', teamId: id.slice(DIGEST.length) };
  return { kind: 'member', memberId: id };
}
