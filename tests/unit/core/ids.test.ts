// Prompt ids: unique, in their recipient's tenant, and safe in a URL or a button value.
import { expect, it } from 'vitest';
import { tenantOf } from '../../../src/core/index.ts';
import { newPromptId } from '../../../src/core/ids.ts';

it('prompt ids are distinct across many draws of the random pool and carry the tenant', () => {
  const ids = Array.from({ length: 2000 }, () => newPromptId('slack', 'T01ACME'));
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) {
    expect(id).toMatch(/^slack:T01ACME:p[A-Za-z0-9_-]{16}$/);
    expect(tenantOf(id)).toEqual({ platform: 'slack', tenantId: 'T01ACME' });
  }
});
