// One place turns errors into answers: the person's mistakes are 4xx with a readable message, never a 500.
import type { ErrorRequestHandler } from 'express';
import { ErrorCode, isCoreError, type Logger } from '../../core/index.ts';
import { InputError } from './requests.ts';
import { WebLimitError } from './limits.ts';

const CORE_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.Validation]: 400,
  [ErrorCode.NotEnrolled]: 409,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.StoreUnavailable]: 503,
  [ErrorCode.Conflict]: 409,
};

/** body-parser marks its own failures with a `type` and a 4xx `status`. */
function bodyParserFailure(err: unknown): { status: number; message: string } | null {
  if (typeof err !== 'object' || err === null || !('type' in err) || !('status' in err)) return null;
  const { type, status } = err as { type: unknown; status: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (type === 'entity.parse.failed') return { status: 400, message: 'the body is not valid JSON' };
  if (type === 'entity.too.large') return { status: 413, message: 'the body is too large' };
  return { status, message: 'the request body could not be read' };
}

export function errorResponder(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof WebLimitError) {
      res.status(err.status).json({ error: err.message });
      return;
    }
    if (err instanceof InputError) {
      res.status(400).json({ error: err.message });
      return;
    }
    if (isCoreError(err)) {
      res.status(CORE_STATUS[err.code]).json({ error: err.message });
      return;
    }
    const parserFailure = bodyParserFailure(err);
    if (parserFailure) {
      res.status(parserFailure.status).json({ error: parserFailure.message });
      return;
    }
    logger.error({ path: req.path, err: err instanceof Error ? `${err.name}: ${err.message}` : 'unknown' }, 'web chat request failed');
    res.status(500).json({ error: 'Something went wrong on our side. Please try again.' });
  };
}
